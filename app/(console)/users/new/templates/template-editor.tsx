"use client";

import { useState, useTransition } from "react";
import { OutcomeBanner, type Outcome } from "@/components/lifecycle/fields";
import type { OnboardingTemplate } from "@/lib/services/onboarding/templates";
import { deleteTemplateAction, saveTemplateAction } from "../actions";

interface Props {
  team: { id: string; name: string };
  roles: { id: string; name: string }[];
  schedules: { id: string; name: string }[];
  template: OnboardingTemplate | null;
}

/** Edits one team's onboarding template: its roles (optionally limited to the team) and schedules. */
export function TemplateEditor({ team, roles, schedules, template }: Props) {
  const [selected, setSelected] = useState<Record<string, boolean>>(() => Object.fromEntries((template?.roles ?? []).map((r) => [r.roleId, r.teamScoped])));
  const [scheduleIds, setScheduleIds] = useState<string[]>(template?.schedules.map((s) => s.scheduleId) ?? []);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const headingId = `template-${team.id}`;

  const save = () =>
    startTransition(async () => {
      const result = await saveTemplateAction({ teamId: team.id, roles: Object.entries(selected).map(([roleId, teamScoped]) => ({ roleId, teamScoped })), scheduleIds });
      setOutcome(result.ok ? { kind: "success", message: "Template saved." } : { kind: "error", message: result.message });
    });
  const remove = () =>
    startTransition(async () => {
      const result = await deleteTemplateAction({ teamId: team.id });
      if (result.ok) {
        setSelected({});
        setScheduleIds([]);
      }
      setOutcome(result.ok ? { kind: "success", message: "Template removed." } : { kind: "error", message: result.message });
    });

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="font-semibold text-slate-900">
        {team.name}
      </h2>
      <OutcomeBanner outcome={outcome} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Roles</legend>
        <ul className="mt-1 grid gap-1 sm:grid-cols-3">
          {roles.map((role) => (
            <li key={role.id} className="flex flex-wrap items-center gap-2 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={role.id in selected}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = { ...s };
                      if (e.target.checked) next[role.id] = false;
                      else delete next[role.id];
                      return next;
                    })
                  }
                />
                {role.name}
              </label>
              {role.id in selected ? (
                <label className="flex items-center gap-1 text-xs text-slate-700">
                  <input type="checkbox" checked={selected[role.id]} onChange={(e) => setSelected((s) => ({ ...s, [role.id]: e.target.checked }))} />
                  only for this team
                </label>
              ) : null}
            </li>
          ))}
        </ul>
      </fieldset>
      {schedules.length ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Schedules to join</legend>
          <ul className="mt-1 grid gap-1 sm:grid-cols-3">
            {schedules.map((schedule) => (
              <li key={schedule.id} className="text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={scheduleIds.includes(schedule.id)}
                    onChange={(e) => setScheduleIds((ids) => (e.target.checked ? [...ids, schedule.id] : ids.filter((id) => id !== schedule.id)))}
                  />
                  {schedule.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        <p className="text-sm text-slate-600">This team has no on-call schedules.</p>
      )}
      <div className="flex gap-2">
        <button type="button" className="btn btn-primary" onClick={save} disabled={pending}>
          Save template
        </button>
        {template ? (
          <button type="button" className="btn btn-secondary" onClick={remove} disabled={pending}>
            Remove template
          </button>
        ) : null}
      </div>
    </section>
  );
}
