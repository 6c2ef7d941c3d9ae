"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { closeIncidentAction } from "../actions";

/** The Close incident button and its confirmation dialog. Rendered only when the server allows closing. */
export function CloseIncident({ incidentId, label }: { incidentId: string; label: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await closeIncidentAction({ id: incidentId, resolutionNote: note.trim() || undefined });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      dialog.current?.close();
      router.refresh();
    });
  };

  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => dialog.current?.showModal()}>
        Close incident
      </button>
      <dialog ref={dialog} aria-labelledby="close-title" className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={submit} className="space-y-3 p-5">
          <h2 id="close-title" className="text-base font-semibold text-slate-900">
            Close {label}?
          </h2>
          <p className="text-sm text-slate-700">A closed incident can no longer be updated.</p>
          {error ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <div>
            <label htmlFor="resolution-note" className="field-label">
              Resolution note <span className="font-normal text-slate-600">(optional)</span>
            </label>
            <textarea id="resolution-note" value={note} onChange={(event) => setNote(event.target.value)} rows={3} maxLength={2000} className="field-input" />
          </div>
          <div className="flex justify-end gap-2">
            <button type="button" className="btn btn-secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="btn btn-danger" disabled={pending}>
              {pending ? "Closing…" : "Close incident"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
