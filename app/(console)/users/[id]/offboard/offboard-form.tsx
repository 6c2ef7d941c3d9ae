"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { OutcomeBanner, TextField, type Outcome } from "@/components/lifecycle/fields";
import { SeverityBadge } from "@/components/ui/badges";
import type { FieldErrors } from "@/lib/errors";
import { cancelScheduledOffboardingAction, offboardUserAction, scheduleOffboardingAction } from "./actions";

interface Impact {
  user: { id: string; name: string; email: string; version: number; isOwner: boolean };
  incidents: { id: string; number: number; title: string; severity: string; status: string; asAssignee: boolean; asCommander: boolean }[];
  schedules: { id: string; name: string; onlyMember: boolean; currentShiftEndsAt: string | null; futureShifts: number; nextShiftAt: string | null }[];
  teams: { id: string; name: string; lastManager: boolean }[];
  grants: { id: string; roleName: string; teamId: string | null; expiresAt: string | null }[];
  accessRequests: number;
  reviewItems: { id: string; campaignName: string; hasFallback: boolean }[];
  tokens: { id: string; name: string; kind: string; prefix: string }[];
  pendingInvitations: number;
  activeSessions: number;
  directReports: number;
}

const MAJOR = new Set(["SEV1", "SEV2"]);

/** The guided offboarding: impact, the handover choices it needs, then offboard now or schedule. */
export function OffboardForm({ impact, candidates, scheduledAt }: { impact: Impact; candidates: { id: string; name: string; email: string }[]; scheduledAt: { id: string; runAt: string } | null }) {
  const [incidents, setIncidents] = useState<Record<string, { person: string; queue: boolean }>>(() => Object.fromEntries(impact.incidents.map((i) => [i.id, { person: "", queue: false }])));
  const [schedules, setSchedules] = useState<Record<string, { person: string; gap: boolean }>>(() => Object.fromEntries(impact.schedules.map((s) => [s.id, { person: "", gap: false }])));
  const [teams, setTeams] = useState<Record<string, string>>(() => Object.fromEntries(impact.teams.filter((t) => t.lastManager).map((t) => [t.id, ""])));
  const [reviewFallback, setReviewFallback] = useState("");
  const [reason, setReason] = useState("");
  const [mode, setMode] = useState<"now" | "later">("now");
  const [lastDay, setLastDay] = useState("");
  const [fallback, setFallback] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const needsReviewFallback = impact.reviewItems.some((r) => !r.hasFallback);

  const choices = () => ({
    incidents: impact.incidents.map((i) => ({ incidentId: i.id, takeover: incidents[i.id].queue ? null : incidents[i.id].person.trim() })).filter((c) => c.takeover !== ""),
    schedules: impact.schedules.map((s) => ({ scheduleId: s.id, replacement: schedules[s.id].gap ? null : schedules[s.id].person.trim() })).filter((c) => c.replacement !== ""),
    teams: Object.entries(teams).filter(([, person]) => person.trim()).map(([teamId, person]) => ({ teamId, newManager: person.trim() })),
    reviewFallback: reviewFallback.trim() || null,
    reason: reason.trim() || undefined,
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      const result =
        mode === "now"
          ? await offboardUserAction({ userId: impact.user.id, version: impact.user.version, ...choices() })
          : await scheduleOffboardingAction({ userId: impact.user.id, lastDay, fallback: fallback.trim(), ...choices() });
      if (!result.ok) {
        setErrors(result.fieldErrors);
        setOutcome({ kind: result.code === "CONFLICT" ? "conflict" : "error", message: result.message });
        return;
      }
      setErrors({});
      setDone(mode === "now" ? `${impact.user.name} is offboarded. Their sessions, tokens, invitations and roles have ended, and everything listed was handed over.` : `Offboarding of ${impact.user.name} is scheduled for the end of ${lastDay} (UTC).`);
    });
  };

  if (done) {
    return (
      <div className="card space-y-3 p-4">
        <OutcomeBanner outcome={{ kind: "success", message: done }} />
        <Link href={`/users/${encodeURIComponent(impact.user.id)}`} className="btn btn-primary">
          Open profile
        </Link>
      </div>
    );
  }

  const submitLabel = mode === "now" ? `Offboard ${impact.user.name} now` : "Schedule offboarding";
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <datalist id="handover-people">
        {candidates.map((p) => (
          <option key={p.id} value={p.email}>
            {p.name}
          </option>
        ))}
      </datalist>
      <OutcomeBanner outcome={outcome} />
      {scheduledAt ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          Offboarding is already scheduled for {new Date(scheduledAt.runAt).toUTCString()}. Offboarding now or scheduling again replaces that plan.
          <button type="button" className="btn btn-secondary ml-2" onClick={() =>
              startTransition(async () => {
                const result = await cancelScheduledOffboardingAction({ id: scheduledAt.id });
                if (result.ok) router.refresh();
                else setOutcome({ kind: "error", message: result.message });
              })
            }>
            Cancel the scheduled offboarding
          </button>
        </div>
      ) : null}
      {impact.user.isOwner ? <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">This user is an Owner. The last active Owner cannot be offboarded.</p> : null}

      <section aria-labelledby="impact-title" className="card p-4">
        <h2 id="impact-title" className="mb-2 font-semibold text-slate-900">
          Impact
        </h2>
        <ul className="grid gap-1 text-sm text-slate-800 sm:grid-cols-2">
          <li>Open incidents assigned or commanded: {impact.incidents.length}</li>
          <li>On-call schedules: {impact.schedules.length} ({impact.schedules.filter((s) => s.onlyMember).length} where they are the only member)</li>
          <li>Future shifts: {impact.schedules.reduce((n, s) => n + s.futureShifts + (s.currentShiftEndsAt ? 1 : 0), 0)}</li>
          <li>Teams where they are the last manager: {impact.teams.filter((t) => t.lastManager).length}</li>
          <li>Roles that end: {impact.grants.map((g) => g.roleName).join(", ") || "none"}</li>
          <li>Pending access requests cancelled: {impact.accessRequests}</li>
          <li>Open review items to reassign: {impact.reviewItems.length}</li>
          <li>Tokens revoked: {impact.tokens.map((tk) => `${tk.name} (${tk.kind})`).join(", ") || "none"}</li>
          <li>Active sessions ended: {impact.activeSessions}</li>
          <li>Pending invitations revoked: {impact.pendingInvitations}</li>
          <li>Direct reports: {impact.directReports}</li>
        </ul>
      </section>

      {impact.incidents.length ? (
        <fieldset className="card space-y-3 p-4">
          <legend className="px-1 font-semibold text-slate-900">Open incidents</legend>
          {impact.incidents.map((incident) => {
            const major = MAJOR.has(incident.severity);
            const state = incidents[incident.id];
            return (
              <div key={incident.id} className="grid gap-2 border-t border-slate-100 pt-2 sm:grid-cols-2">
                <p className="text-sm">
                  <SeverityBadge severity={incident.severity} /> #{incident.number} {incident.title}{" "}
                  <span className="text-slate-600">({[incident.asAssignee ? "assignee" : null, incident.asCommander ? "commander" : null].filter(Boolean).join(" and ")})</span>
                </p>
                <div>
                  <TextField
                    id={`incident-${incident.id}`}
                    label={`Who takes incident #${incident.number}`}
                    type="email"
                    list="handover-people"
                    placeholder="Email of an active user"
                    value={state.person}
                    disabled={state.queue}
                    onChange={(e) => setIncidents((s) => ({ ...s, [incident.id]: { ...state, person: e.target.value } }))}
                    errors={errors}
                    errorKey={`incidents.${incident.id}`}
                  />
                  {major ? null : (
                    <label className="mt-1 flex items-center gap-2 text-xs text-slate-700">
                      <input type="checkbox" checked={state.queue} onChange={(e) => setIncidents((s) => ({ ...s, [incident.id]: { ...state, queue: e.target.checked } }))} />
                      Return it to the team queue instead
                    </label>
                  )}
                </div>
              </div>
            );
          })}
        </fieldset>
      ) : null}

      {impact.schedules.length ? (
        <fieldset className="card space-y-3 p-4">
          <legend className="px-1 font-semibold text-slate-900">On-call schedules</legend>
          {impact.schedules.map((schedule) => {
            const state = schedules[schedule.id];
            return (
              <div key={schedule.id} className="grid gap-2 border-t border-slate-100 pt-2 sm:grid-cols-2">
                <p className="text-sm">
                  {schedule.name}
                  {schedule.onlyMember ? <span className="text-amber-800"> (only member)</span> : null}
                  <br />
                  <span className="text-slate-600">
                    {schedule.currentShiftEndsAt ? `On call now until ${new Date(schedule.currentShiftEndsAt).toUTCString()}. ` : ""}
                    {schedule.futureShifts} future {schedule.futureShifts === 1 ? "shift" : "shifts"}. Other people&apos;s shifts do not move.
                  </span>
                </p>
                <div>
                  <TextField
                    id={`schedule-${schedule.id}`}
                    label={`Who takes the shifts in ${schedule.name}`}
                    type="email"
                    list="handover-people"
                    placeholder="Email of an active user"
                    value={state.person}
                    disabled={state.gap}
                    onChange={(e) => setSchedules((s) => ({ ...s, [schedule.id]: { ...state, person: e.target.value } }))}
                    errors={errors}
                    errorKey={`schedules.${schedule.id}`}
                  />
                  <label className="mt-1 flex items-center gap-2 text-xs text-slate-700">
                    <input type="checkbox" checked={state.gap} onChange={(e) => setSchedules((s) => ({ ...s, [schedule.id]: { ...state, gap: e.target.checked } }))} />
                    Leave a visible gap in these shifts instead
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      ) : null}

      {Object.keys(teams).length ? (
        <fieldset className="card space-y-3 p-4">
          <legend className="px-1 font-semibold text-slate-900">Teams that need a new manager</legend>
          {impact.teams
            .filter((team) => team.lastManager)
            .map((team) => (
              <TextField key={team.id} id={`team-${team.id}`} label={`New manager of ${team.name}`} type="email" list="handover-people" value={teams[team.id]} onChange={(e) => setTeams((s) => ({ ...s, [team.id]: e.target.value }))} errors={errors} errorKey={`teams.${team.id}`} />
            ))}
        </fieldset>
      ) : null}

      {impact.reviewItems.length ? (
        <fieldset className="card space-y-2 p-4">
          <legend className="px-1 font-semibold text-slate-900">Open access review items</legend>
          <p className="text-sm text-slate-700">
            {impact.reviewItems.length} open {impact.reviewItems.length === 1 ? "item moves" : "items move"} to each campaign&apos;s fallback reviewer{needsReviewFallback ? ". Some campaigns have none, so name one:" : "."}
          </p>
          {needsReviewFallback || errors.reviewFallback ? <TextField id="reviewFallback" label="Fallback reviewer" type="email" list="handover-people" value={reviewFallback} onChange={(e) => setReviewFallback(e.target.value)} errors={errors} /> : null}
        </fieldset>
      ) : null}

      <fieldset className="card space-y-3 p-4">
        <legend className="px-1 font-semibold text-slate-900">When</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" checked={mode === "now"} onChange={() => setMode("now")} /> Offboard now
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" checked={mode === "later"} onChange={() => setMode("later")} /> At the end of the last working day
        </label>
        {mode === "later" ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField id="lastDay" label="Last working day" type="date" value={lastDay} onChange={(e) => setLastDay(e.target.value)} errors={errors} />
            <TextField id="fallback" label="Fallback person" type="email" list="handover-people" value={fallback} onChange={(e) => setFallback(e.target.value)} errors={errors} hint="Takes whatever is assigned to the leaver after today, such as new incidents." />
          </div>
        ) : null}
        <TextField id="reason" label="Reason (recorded in the audit log)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </fieldset>

      <button type="submit" className="btn btn-danger" disabled={pending}>
        {pending ? "Working…" : submitLabel}
      </button>
    </form>
  );
}
