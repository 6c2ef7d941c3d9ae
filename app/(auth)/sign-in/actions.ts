"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { logger } from "@/lib/logger";
import { THROTTLE } from "@/lib/services/auth/throttle";

export interface SignInState {
  error: string | null;
  email: string;
}

// One message for every rejected sign-in (unknown email, wrong password, inactive account, throttled
// account or address), so the page never tells which email addresses have accounts.
const REFUSED = `Sign-in failed. Check your email and password. After repeated failures, sign-in pauses for ${THROTTLE.lockMinutes} minutes.`;
const UNAVAILABLE = "Sign-in is unavailable right now because of a server problem. Try again in a few minutes.";

function text(value: FormDataEntryValue | null, max: number): string {
  return typeof value === "string" ? value.slice(0, max) : "";
}

/**
 * Signs in with email and password. On success Auth.js sets the session cookie and redirects to the
 * sanitized callbackUrl. A rejected sign-in returns the generic message.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = text(form.get("email"), 320);
  const password = text(form.get("password"), 1024);
  const redirectTo = safeCallbackPath(form.get("callbackUrl"));

  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // signIn ends with a redirect, which Next.js implements by throwing: let it through.
    if (!(error instanceof AuthError)) throw error;
    if (error.type === "CredentialsSignin") return { error: REFUSED, email };

    logger.error({ err: error, type: error.type }, "sign-in failed with an Auth.js error");
    return { error: UNAVAILABLE, email };
  }
  return { error: null, email };
}
