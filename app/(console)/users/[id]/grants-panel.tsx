"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { OutcomeBanner, TextField, type Outcome } from "@/components/lifecycle/fields";
import { Badge, capitalize } from "@/components/ui/badges";
import { LocalTime } from "@/components/ui/local-time";
import type { FieldErrors } from "@/lib/errors";
import { endGrantAction } from "./grant-actions";
import { GrantRoleForm, type GrantFormOptions } from "./grant-role-form";

export interface GrantRow {
  id: string;
  roleName: string;
  teamName: string | null;
  active: boolean;
  grantedAt: string;
  expiresAt: string | null;
  endedAt: string | null;
  source: string;
  reason: string | null;
  // Whether this actor may end the grant; the server checks again when they do.
  mayEnd: boolean;
}

interface Props {
  user: { id: string; name: string };
  grants: GrantRow[];
  // Null when the actor lacks grant.assign: the table is then read-only.
  grantForm: GrantFormOptions | null;
  // The reason the user cannot be granted roles now (suspended, deactivated, purged), or null.
  grantBlockedReason: string | null;
}

/** Shows a user's grants, with an End control per active grant and the "Grant a role" form for administrators. */
export function GrantsPanel({ user, grants, grantForm, grantBlockedReason }: Props) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [ending, setEnding] = useState<GrantRow | null>(null);
  const [endReason, setEndReason] = useState("");
  const [endErrors, setEndErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const manage = grantForm !== null;

  const startEnding = (grant: GrantRow) => {
    setEnding(grant);
    setEndReason("");
    setEndErrors({});
  };

  const confirmEnd = (event: React.FormEvent) => {
    event.preventDefault();
    if (!ending) return;
    const grant = ending;
    startTransition(async () => {
      const result = await endGrantAction({ grantId: grant.id, reason: endReason });
      if (!result.ok) {
        setEndErrors(result.fieldErrors);
        setOutcome({ kind: result.code === "CONFLICT" ? "conflict" : "error", message: result.message });
        return;
      }
      setEnding(null);
      setOutcome({ kind: "success", message: `${grant.roleName} (${grant.teamName ?? "all teams"}) ended for ${user.name}.` });
      router.refresh();
    });
  };

  const granted = (result: { ok: true; message: string } | { ok: false; message: string; conflict: boolean }) => {
    if (!result.ok) {
      setOutcome({ kind: result.conflict ? "conflict" : "error", message: result.message });
      return;
    }
    setOutcome({ kind: "success", message: result.message });
    router.refresh();
  };

  return (
    <section aria-labelledby="grants-title" className="card">
      <h2 id="grants-title" className="px-4 pt-4 pb-2 text-base font-semibold">
        Grants
      </h2>
      <div className="px-4 pb-2">
        <OutcomeBanner outcome={outcome} />
      </div>

      {grants.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-slate-600">This person holds no roles.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Grants table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Roles granted to this person, active and ended</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-700 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">Role</th>
                <th scope="col" className="px-4 py-2">Scope</th>
                <th scope="col" className="px-4 py-2">State</th>
                <th scope="col" className="px-4 py-2">Granted</th>
                <th scope="col" className="px-4 py-2">Expires</th>
                <th scope="col" className="px-4 py-2">Source and reason</th>
                {manage ? <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {grants.map((grant) => (
                <tr key={grant.id} className={grant.active ? "" : "text-slate-600"}>
                  <td className="px-4 py-2 font-medium">{grant.roleName}</td>
                  <td className="px-4 py-2">{grant.teamName ?? "All teams"}</td>
                  <td className="px-4 py-2">
                    <GrantState grant={grant} />
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <LocalTime iso={grant.grantedAt} format="date" />
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{grant.expiresAt ? <LocalTime iso={grant.expiresAt} /> : "No end date"}</td>
                  <td className="px-4 py-2">
                    {capitalize(grant.source)}
                    {grant.reason ? <span className="block text-xs text-slate-600">{grant.reason}</span> : null}
                  </td>
                  {manage ? (
                    <td className="px-4 py-2 text-right">
                      {grant.active && !grant.endedAt && grant.mayEnd ? (
                        <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => startEnding(grant)} aria-label={`End ${grant.roleName} grant (${grant.teamName ?? "all teams"})`}>
                          End
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {ending ? (
        <form onSubmit={confirmEnd} className="space-y-2 border-t border-slate-200 p-4" noValidate aria-labelledby="end-grant-title">
          <h3 id="end-grant-title" className="text-sm font-semibold text-slate-900">
            End {ending.roleName} ({ending.teamName ?? "all teams"})
          </h3>
          <p className="text-sm text-slate-700">{user.name} loses this role&apos;s permissions on their next request.</p>
          <TextField id="end-reason" label="Reason for ending this grant" value={endReason} onChange={(e) => setEndReason(e.target.value)} errors={endErrors} errorKey="reason" required maxLength={500} autoFocus />
          <div className="flex gap-2">
            <button type="submit" className="btn btn-danger" disabled={pending}>
              {pending ? "Ending…" : "End grant"}
            </button>
            <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => setEnding(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {grantForm ? (
        <div className="border-t border-slate-200 p-4">
          {grantBlockedReason ? <p className="text-sm text-slate-700">{grantBlockedReason}</p> : <GrantRoleForm user={user} options={grantForm} onDone={granted} />}
        </div>
      ) : null}
    </section>
  );
}

function GrantState({ grant }: { grant: GrantRow }) {
  if (grant.active) return <Badge tone="green">Active</Badge>;
  if (grant.endedAt) {
    return (
      <span className="whitespace-nowrap">
        <Badge>Ended</Badge> <LocalTime iso={grant.endedAt} format="date" />
      </span>
    );
  }
  return <Badge tone="amber">Expired</Badge>;
}
