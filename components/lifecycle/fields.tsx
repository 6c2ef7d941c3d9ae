"use client";

import type { FieldErrors } from "@/lib/errors";

interface BaseProps {
  id: string;
  label: string;
  errors?: FieldErrors;
  // The key of this field in the server's fieldErrors, when it differs from the id.
  errorKey?: string;
  hint?: React.ReactNode;
}

function describedBy(id: string, error: string | undefined, hint: React.ReactNode) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: React.ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function TextField({ id, label, errors, errorKey, hint, ...input }: BaseProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const error = errors?.[errorKey ?? id]?.join(" ");
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input id={id} name={id} className="field-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...input} />
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({ id, label, errors, errorKey, hint, children, ...select }: BaseProps & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const error = errors?.[errorKey ?? id]?.join(" ");
  return (
    <div>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} name={id} className="field-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...select}>
        {children}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export type Outcome = { kind: "success"; message: React.ReactNode } | { kind: "conflict"; message: string } | { kind: "error"; message: string } | null;

/** The result banner of a form: announced to screen readers, with a reload button for conflicts. */
export function OutcomeBanner({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div role="status" className="sr-only" />;
  if (outcome.kind === "success") {
    return (
      <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        {outcome.message}
      </div>
    );
  }
  if (outcome.kind === "conflict") {
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
        <p>{outcome.message}</p>
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
