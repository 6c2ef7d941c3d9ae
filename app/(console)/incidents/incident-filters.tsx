"use client";

import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { capitalize } from "@/components/ui/badges";
import { INCIDENT_STATUSES, SEVERITIES } from "@/db/types";
import { incidentSearchParams } from "./search-params";

/** Severity and status filters of the incident list, kept in the URL. */
export function IncidentFilters() {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(incidentSearchParams, { shallow: false, clearOnDefault: true, startTransition });

  const toggle = <T extends string>(list: T[], value: T, checked: boolean) => (checked ? [...list, value] : list.filter((item) => item !== value));
  const filtered = params.severity.length > 0 || params.status.length > 0;

  return (
    <div className="mb-3 flex flex-wrap items-start gap-x-6 gap-y-3">
      <CheckboxGroup
        legend="Severity"
        options={SEVERITIES}
        selected={params.severity}
        onToggle={(value, checked) => setParams({ severity: toggle(params.severity, value, checked), page: null })}
      />
      <CheckboxGroup
        legend="Status"
        options={INCIDENT_STATUSES}
        selected={params.status}
        onToggle={(value, checked) => setParams({ status: toggle(params.status, value, checked), page: null })}
      />
      <div className="flex items-center gap-3 self-end">
        {filtered ? (
          <button type="button" className="btn btn-ghost" onClick={() => setParams({ severity: null, status: null, page: null })}>
            Clear filters
          </button>
        ) : null}
        <p role="status" className="min-w-20 text-sm text-slate-600">
          {pending ? "Updating…" : ""}
        </p>
      </div>
    </div>
  );
}

interface CheckboxGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  onToggle: (value: T, checked: boolean) => void;
}

function CheckboxGroup<T extends string>({ legend, options, selected, onToggle }: CheckboxGroupProps<T>) {
  return (
    <fieldset>
      <legend className="field-label">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {options.map((option) => {
          const id = `${legend.toLowerCase()}-${option}`;
          const checked = selected.includes(option);
          return (
            <label
              key={option}
              htmlFor={id}
              className={`flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-1 text-sm has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600 ${checked ? "border-indigo-600 bg-indigo-50 text-indigo-900" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
            >
              <input id={id} type="checkbox" checked={checked} onChange={(event) => onToggle(option, event.target.checked)} className="size-3.5 accent-indigo-700" />
              {option.startsWith("SEV") ? option : capitalize(option)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
