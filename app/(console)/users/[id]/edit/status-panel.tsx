"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { OutcomeBanner, TextField, type Outcome } from "@/components/lifecycle/fields";
import type { ActionResult } from "@/lib/result";
import { purgeUserAction, reactivateUserAction, reissueInvitationAction, resumeUserAction, suspendUserAction } from "./actions";

interface Props {
  user: { id: string; status: string; version: number; employmentType: string; endDate: string | null };
  may: { update: boolean; deactivate: boolean; purge: boolean; invite: boolean };
  pendingInvitationExpiresAt: string | null;
  scheduledOffboardingAt: string | null;
  purgeAt: string | null;
  purgeNowAllowed: boolean;
}

/** Account status controls: suspend, resume, invitation link, offboard, reactivate and purge. */
export function StatusPanel({ user, may, pendingInvitationExpiresAt, scheduledOffboardingAt, purgeAt, purgeNowAllowed }: Props) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [reason, setReason] = useState("");
  const [endDate, setEndDate] = useState("");
  const [link, setLink] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const href = `/users/${encodeURIComponent(user.id)}`;

  const run = <T,>(action: () => Promise<ActionResult<T>>, success: string, after?: (data: T) => void) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        setOutcome({ kind: result.code === "CONFLICT" ? "conflict" : "error", message: result.message });
        return;
      }
      after?.(result.data);
      setOutcome({ kind: "success", message: success });
      router.refresh();
    });

  return (
    <aside aria-labelledby="status-title" className="card space-y-4 p-4">
      <h2 id="status-title" className="font-semibold text-slate-900">
        Account
      </h2>
      <OutcomeBanner outcome={outcome} />
      {link ? (
        <div>
          <label htmlFor="new-link" className="field-label">
            New invitation link (shown once)
          </label>
          <input id="new-link" readOnly value={link} className="field-input font-mono" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}

      {scheduledOffboardingAt ? <p className="text-sm text-amber-900">Offboarding is scheduled for {new Date(scheduledOffboardingAt).toUTCString()}.</p> : null}

      {(user.status === "active" || user.status === "invited") && may.update ? (
        <div className="space-y-2">
          <TextField id="suspend-reason" label="Reason for suspending" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => run(() => suspendUserAction({ id: user.id, version: user.version, reason: reason || undefined }), "The user is suspended and their sessions ended.")}>
            Suspend
          </button>
        </div>
      ) : null}

      {user.status === "suspended" && may.update ? (
        <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => run(() => resumeUserAction({ id: user.id, version: user.version }), "The user is resumed.")}>
          Resume
        </button>
      ) : null}

      {user.status === "invited" && may.invite ? (
        <div className="space-y-1">
          <p className="text-sm text-slate-700">{pendingInvitationExpiresAt ? `An invitation is pending until ${new Date(pendingInvitationExpiresAt).toUTCString()}.` : "No invitation link is pending."}</p>
          <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => run(() => reissueInvitationAction({ userId: user.id }), "A new invitation link replaced the previous one.", (data) => setLink(`${window.location.origin}${data.path}`))}>
            Create a new invitation link
          </button>
        </div>
      ) : null}

      {user.status !== "deactivated" && user.status !== "purged" && may.deactivate ? (
        <Link href={`${href}/offboard`} className="btn btn-danger">
          Offboard…
        </Link>
      ) : null}

      {user.status === "deactivated" && may.deactivate ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">Reactivating brings back this identity and its history, without any of its former roles.</p>
          {user.employmentType !== "employee" ? <TextField id="reactivate-end" label="New end date" type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} /> : null}
          <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => run(() => reactivateUserAction({ id: user.id, version: user.version, endDate: endDate || undefined }), "The user is reactivated with no roles.")}>
            Reactivate
          </button>
        </div>
      ) : null}

      {user.status === "deactivated" && may.purge ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {purgeAt ? `Personal data is erased automatically on ${new Date(purgeAt).toUTCString()}.` : null} Purging keeps the id and audit history under a pseudonym and frees the email for a new identity.
            {purgeNowAllowed ? "" : " Before that date only an Owner can purge."}
          </p>
          <button
            type="button"
            className="btn btn-danger"
            disabled={pending}
            onClick={() => {
              if (window.confirm("Erase this person's personal data now? This cannot be undone.")) run(() => purgeUserAction({ id: user.id }), "Personal data erased.");
            }}
          >
            Purge personal data
          </button>
        </div>
      ) : null}
    </aside>
  );
}
