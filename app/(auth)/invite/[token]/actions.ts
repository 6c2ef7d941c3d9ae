"use server";

import { getRequestMeta } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { fieldErrorsOf } from "@/lib/result";
import { acceptInvitation, acceptInvitationInput } from "@/lib/services/onboarding/invitations";
import { invalidTextErrors } from "@/lib/validation/text";

export interface AcceptState {
  status: "idle" | "error" | "accepted";
  message: string | null;
  fieldErrors: Record<string, string[]>;
  email?: string;
}

/**
 * Accepts an invitation. It is public (the invited person has no session yet), so it does not go
 * through defineAction: the token itself is the credential, checked and consumed by the service.
 */
export async function acceptInvitationAction(_previous: AcceptState, form: FormData): Promise<AcceptState> {
  const fields = { token: form.get("token"), password: form.get("password"), confirm: form.get("confirm") };
  const invalidText = invalidTextErrors(fields);
  if (invalidText) return { status: "error", message: "Some fields are invalid. Fix them and try again.", fieldErrors: invalidText };

  const parsed = acceptInvitationInput.safeParse(fields);
  if (!parsed.success) return { status: "error", message: "Some fields are invalid. Fix them and try again.", fieldErrors: fieldErrorsOf(parsed.error) };

  const meta = await getRequestMeta();
  try {
    const { email } = await acceptInvitation(meta, parsed.data);
    return { status: "accepted", message: null, fieldErrors: {}, email };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.message, fieldErrors: error.fieldErrors };
    logger.error({ err: error, requestId: meta.requestId }, "accepting an invitation failed");
    return { status: "error", message: `Something went wrong on the server. Your password was not set. Reference: ${meta.requestId}.`, fieldErrors: {} };
  }
}
