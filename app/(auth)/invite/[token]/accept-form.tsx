"use client";

import Link from "next/link";
import { useActionState } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/services/onboarding/password-policy";
import { acceptInvitationAction, type AcceptState } from "./actions";

const INITIAL: AcceptState = { status: "idle", message: null, fieldErrors: {} };

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, INITIAL);

  if (state.status === "accepted") {
    return (
      <div className="mt-4 space-y-3">
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Your account is active. Sign in with your email and the password you just set.
        </p>
        <Link href="/sign-in" className="btn btn-primary">
          Sign in
        </Link>
      </div>
    );
  }

  const errorOf = (field: string) => state.fieldErrors[field]?.join(" ");
  return (
    <form action={action} className="mt-4 space-y-3">
      {state.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" value={email} autoComplete="username" />
      <div>
        <label htmlFor="password" className="field-label">
          New password
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} maxLength={256} className="field-input" aria-describedby="password-hint" aria-invalid={errorOf("password") ? true : undefined} />
        <p id="password-hint" className="mt-1 text-xs text-slate-600">
          At least {MIN_PASSWORD_LENGTH} characters. A passphrase of several words is easiest to remember.
        </p>
        {errorOf("password") ? <p className="field-error">{errorOf("password")}</p> : null}
      </div>
      <div>
        <label htmlFor="confirm" className="field-label">
          Repeat the password
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className="field-input" aria-invalid={errorOf("confirm") ? true : undefined} />
        {errorOf("confirm") ? <p className="field-error">{errorOf("confirm")}</p> : null}
      </div>
      <button type="submit" className="btn btn-primary w-full" disabled={pending}>
        {pending ? "Activating…" : "Set password and activate"}
      </button>
    </form>
  );
}
