"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { OutcomeBanner, SelectField, TextField, type Outcome } from "@/components/lifecycle/fields";
import type { FieldErrors } from "@/lib/errors";
import type { onboardingFormOptions } from "@/lib/services/onboarding/form-options";
import { onboardUserAction } from "./actions";

type Options = Awaited<ReturnType<typeof onboardingFormOptions>>;
type EmploymentType = "employee" | "contractor" | "vendor";
type RoleChoice = Record<string, { teamScoped: boolean }>;

function defaultRoles(options: Options, teamId: string, type: EmploymentType): { roles: RoleChoice; schedules: string[] } {
  const template = options.templates.find((tpl) => tpl.teamId === teamId);
  if (template) {
    const roles: RoleChoice = {};
    for (const r of template.roles) if (options.roles.some((o) => o.id === r.roleId)) roles[r.roleId] = { teamScoped: r.teamScoped };
    return { roles, schedules: template.schedules.map((s) => s.scheduleId) };
  }
  const fallback = options.roles.find((r) => r.key === (type === "vendor" ? "vendor" : "responder"));
  return { roles: fallback ? { [fallback.id]: { teamScoped: false } } : {}, schedules: [] };
}

/** The onboarding form: profile, roles the actor may grant, schedules, and the invitation link on success. */
export function OnboardForm({ options }: { options: Options }) {
  const [form, setForm] = useState({ name: "", email: "", title: "", teamId: "", managerEmail: "", employmentType: "employee" as EmploymentType, startDate: options.today, endDate: "", location: "" });
  const [choice, setChoice] = useState(() => defaultRoles(options, "", "employee"));
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [created, setCreated] = useState<{ userId: string; link: string; expiresAt: string; name: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const set = (field: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = event.target.value;
    setForm((f) => ({ ...f, [field]: value }));
    if ((field === "teamId" || field === "employmentType") && !touched) {
      setChoice(defaultRoles(options, field === "teamId" ? value : form.teamId, (field === "employmentType" ? value : form.employmentType) as EmploymentType));
    }
  };
  const needsEnd = form.employmentType !== "employee";
  const teamSchedules = options.schedules.filter((s) => s.teamId === form.teamId || choice.schedules.includes(s.id));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      const result = await onboardUserAction({
        ...form,
        teamId: form.teamId || null,
        roles: Object.entries(choice.roles).map(([roleId, r]) => ({ roleId, teamScoped: r.teamScoped })),
        scheduleIds: choice.schedules,
      });
      if (!result.ok) {
        setErrors(result.fieldErrors);
        setOutcome({ kind: "error", message: result.message });
        return;
      }
      setErrors({});
      setCreated({ userId: result.data.userId, link: `${window.location.origin}${result.data.invitationPath}`, expiresAt: result.data.invitationExpiresAt, name: form.name });
    });
  };

  if (created) {
    return (
      <section aria-labelledby="onboarded-title" className="space-y-3">
        <h2 id="onboarded-title" className="text-lg font-semibold text-slate-900">
          {created.name} is invited
        </h2>
        <p className="text-sm text-slate-700">
          Send this single-use link to them. It expires on <time dateTime={created.expiresAt}>{new Date(created.expiresAt).toUTCString()}</time> and is shown only once.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <input aria-label="Invitation link" readOnly value={created.link} className="field-input max-w-2xl font-mono" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn btn-secondary" onClick={() => navigator.clipboard?.writeText(created.link)}>
            Copy link
          </button>
        </div>
        <p className="flex gap-3">
          <Link href={`/users/${encodeURIComponent(created.userId)}`} className="btn btn-primary">
            Open profile
          </Link>
          <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
            Onboard another person
          </button>
        </p>
      </section>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <OutcomeBanner outcome={outcome} />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Person</legend>
        <TextField id="name" label="Full name" value={form.name} onChange={set("name")} errors={errors} required maxLength={200} autoComplete="off" />
        <TextField id="email" label="Work email" type="email" value={form.email} onChange={set("email")} errors={errors} required maxLength={320} autoComplete="off" />
        <TextField id="title" label="Job title" value={form.title} onChange={set("title")} errors={errors} maxLength={200} />
        <TextField id="location" label="Location" value={form.location} onChange={set("location")} errors={errors} maxLength={200} />
        <SelectField id="teamId" label="Team" value={form.teamId} onChange={set("teamId")} errors={errors}>
          {options.mayOnboardWithoutTeam ? <option value="">No team</option> : <option value="">Pick a team</option>}
          {options.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
              {options.templates.some((tpl) => tpl.teamId === team.id) ? " (has a template)" : ""}
            </option>
          ))}
        </SelectField>
        <TextField id="managerEmail" label="Manager's email" type="email" value={form.managerEmail} onChange={set("managerEmail")} errors={errors} maxLength={320} hint="Optional. The manager reviews this person's access." />
        <SelectField id="employmentType" label="Employment type" value={form.employmentType} onChange={set("employmentType")} errors={errors}>
          <option value="employee">Employee</option>
          <option value="contractor">Contractor</option>
          <option value="vendor">Vendor</option>
        </SelectField>
        <TextField id="startDate" label="Start date" type="date" value={form.startDate} onChange={set("startDate")} errors={errors} />
        <TextField
          id="endDate"
          label={needsEnd ? "End date (required)" : "End date"}
          type="date"
          value={form.endDate}
          onChange={set("endDate")}
          errors={errors}
          required={needsEnd}
          min={options.today}
          max={needsEnd && !options.isOwner ? options.contractEndMax : undefined}
          hint={needsEnd ? `Access ends on this day. At most ${options.contractEndMax}${options.isOwner ? "; as an Owner you may set a later date" : " unless an Owner extends it"}.` : "Optional. Access ends on this day."}
        />
      </fieldset>

      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-slate-900">Initial roles</legend>
        <p className="mb-2 text-xs text-slate-600">Only roles you may grant yourself are listed. Keep it to the least privilege the person needs.</p>
        {errors.roles ? <p className="field-error">{errors.roles.join(" ")}</p> : null}
        <ul className="grid gap-1 sm:grid-cols-2">
          {options.roles.map((role) => {
            const selected = choice.roles[role.id];
            return (
              <li key={role.id} className="flex flex-wrap items-center gap-3 text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={Boolean(selected)}
                    onChange={(e) => {
                      setTouched(true);
                      setChoice((c) => {
                        const roles = { ...c.roles };
                        if (e.target.checked) roles[role.id] = { teamScoped: false };
                        else delete roles[role.id];
                        return { ...c, roles };
                      });
                    }}
                  />
                  {role.name}
                </label>
                {selected && form.teamId ? (
                  <label className="flex items-center gap-1 text-xs text-slate-700">
                    <input
                      type="checkbox"
                      checked={selected.teamScoped}
                      onChange={(e) => {
                        setTouched(true);
                        setChoice((c) => ({ ...c, roles: { ...c.roles, [role.id]: { teamScoped: e.target.checked } } }));
                      }}
                    />
                    only for this team
                  </label>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>

      {teamSchedules.length ? (
        <fieldset>
          <legend className="mb-1 text-sm font-semibold text-slate-900">On-call schedules to join</legend>
          <ul className="grid gap-1 sm:grid-cols-2">
            {teamSchedules.map((schedule) => (
              <li key={schedule.id} className="text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={choice.schedules.includes(schedule.id)}
                    onChange={(e) => {
                      setTouched(true);
                      setChoice((c) => ({ ...c, schedules: e.target.checked ? [...c.schedules, schedule.id] : c.schedules.filter((id) => id !== schedule.id) }));
                    }}
                  />
                  {schedule.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}

      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Onboarding…" : "Onboard and create invitation"}
      </button>
    </form>
  );
}
