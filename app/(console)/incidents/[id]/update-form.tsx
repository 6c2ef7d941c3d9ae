"use client";

import { useState, useTransition } from "react";
import { capitalize } from "@/components/ui/badges";
import { INCIDENT_STATUSES } from "@/db/types";
import type { FieldErrors } from "@/lib/errors";
import { updateIncidentAction } from "../actions";

export interface EditableIncident {
  id: string;
  version: number;
  status: string;
  summary: string;
  assigneeId: string | null;
  commanderId: string | null;
  // Present only when the viewer may see and change the sensitive fields.
  sensitive?: { customerImpact: string; internalNotes: string };
}

export interface Person {
  id: string;
  name: string;
  active: boolean;
}

type Outcome = { kind: "saved" } | { kind: "conflict"; message: string } | { kind: "error"; message: string } | null;

const EDITABLE_STATUSES = INCIDENT_STATUSES.filter((status) => status !== "closed");

/**
 * The incident update form. The server checks the version, so a stale form is rejected, not merged.
 * `people` is null for an actor who may not reassign the incident: the form then shows no picker and
 * sends no assignee or commander.
 */
export function UpdateIncidentForm({ incident, people }: { incident: EditableIncident; people: Person[] | null }) {
  const [version, setVersion] = useState(incident.version);
  const [status, setStatus] = useState(incident.status);
  const [summary, setSummary] = useState(incident.summary);
  const [assigneeId, setAssigneeId] = useState(incident.assigneeId ?? "");
  const [commanderId, setCommanderId] = useState(incident.commanderId ?? "");
  const [customerImpact, setCustomerImpact] = useState(incident.sensitive?.customerImpact ?? "");
  const [internalNotes, setInternalNotes] = useState(incident.sensitive?.internalNotes ?? "");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setOutcome(null);
    startTransition(async () => {
      const result = await updateIncidentAction({
        id: incident.id,
        version,
        status: status as (typeof EDITABLE_STATUSES)[number],
        summary,
        ...(people ? { assigneeId: assigneeId || null, commanderId: commanderId || null } : {}),
        ...(incident.sensitive ? { customerImpact: customerImpact || null, internalNotes: internalNotes || null } : {}),
      });
      if (result.ok) {
        setVersion(result.data.version);
        setFieldErrors({});
        setOutcome({ kind: "saved" });
        return;
      }
      setFieldErrors(result.fieldErrors);
      setOutcome({ kind: result.code === "CONFLICT" ? "conflict" : "error", message: result.message });
    });
  };

  const errorOf = (field: string) => fieldErrors[field]?.join(" ");

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby="update-outcome">
      <div id="update-outcome">
        <OutcomeMessage outcome={outcome} />
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Select id="status" label="Status" value={status} onChange={setStatus} error={errorOf("status")}>
          {EDITABLE_STATUSES.map((value) => (
            <option key={value} value={value}>
              {capitalize(value)}
            </option>
          ))}
        </Select>
        {people ? (
          <>
            <Select id="assigneeId" label="Assignee" value={assigneeId} onChange={setAssigneeId} error={errorOf("assigneeId")}>
              <option value="">Unassigned</option>
              <PersonOptions people={people} />
            </Select>
            <Select id="commanderId" label="Commander" value={commanderId} onChange={setCommanderId} error={errorOf("commanderId")}>
              <option value="">No commander</option>
              <PersonOptions people={people} />
            </Select>
          </>
        ) : null}
      </div>

      <TextArea id="summary" label="Summary" value={summary} onChange={setSummary} error={errorOf("summary")} rows={4} maxLength={5000} required />

      {incident.sensitive ? (
        <fieldset className="rounded-md border border-amber-300 bg-amber-50/50 p-3">
          <legend className="px-1 text-sm font-semibold text-amber-900">Sensitive details</legend>
          <p className="mb-3 text-xs text-amber-900">Only people allowed to see sensitive incident details can read these fields.</p>
          <div className="space-y-3">
            <TextArea id="customerImpact" label="Customer impact" value={customerImpact} onChange={setCustomerImpact} error={errorOf("customerImpact")} rows={3} maxLength={5000} />
            <TextArea id="internalNotes" label="Internal notes" value={internalNotes} onChange={setInternalNotes} error={errorOf("internalNotes")} rows={4} maxLength={20000} />
          </div>
        </fieldset>
      ) : null}

      <div className="flex items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

function PersonOptions({ people }: { people: Person[] }) {
  return people.map((person) => (
    <option key={person.id} value={person.id}>
      {person.active ? person.name : `${person.name} (deactivated)`}
    </option>
  ));
}

function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div role="status" className="sr-only" />;
  if (outcome.kind === "saved") {
    return (
      <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Changes saved.
      </div>
    );
  }
  if (outcome.kind === "conflict") {
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <p className="font-semibold">This incident changed while you were editing it.</p>
        <p className="mt-1">{outcome.message}</p>
        <button type="button" className="btn btn-secondary mt-2" onClick={() => window.location.reload()}>
          Reload the latest version
        </button>
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {outcome.message}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

function Select({ id, label, value, onChange, error, children }: FieldProps & { children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} name={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="field-input">
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TextArea({ id, label, value, onChange, error, rows, maxLength, required }: FieldProps & { rows: number; maxLength: number; required?: boolean }) {
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className="field-input"
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
