"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { OutcomeBanner, type Outcome } from "@/components/lifecycle/fields";
import { discardRosterImportAction } from "../actions";

const PHASES: Record<string, string> = {
  checking: "Checking the rows again",
  teams: "Creating teams",
  users: "Creating people",
  grants: "Granting roles",
  updates: "Updating existing people",
  done: "Done",
};

/** Commits the import while showing the server's progress, then shows the report. */
export function CommitPanel({ id, digest, accepted, total }: { id: string; digest: string; accepted: number; total: number }) {
  const router = useRouter();
  const [progress, setProgress] = useState<{ phase: string; done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();

  const commit = async () => {
    setOutcome(null);
    setProgress({ phase: "checking", done: 0, total });
    const response = await fetch(`/users/import/${encodeURIComponent(id)}/commit`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ digest }) });
    if (!response.ok || !response.body) {
      const body = await response.json().catch(() => ({ message: `The commit failed with status ${response.status}.` }));
      setProgress(null);
      setOutcome({ kind: "error", message: body.message });
      return;
    }

    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line);
        if (event.type === "progress") setProgress({ phase: event.phase, done: event.done, total: event.total });
        if (event.type === "error") {
          setProgress(null);
          setOutcome({ kind: event.code === "CONFLICT" ? "conflict" : "error", message: event.message });
          return;
        }
        if (event.type === "done") {
          startTransition(() => router.refresh());
          return;
        }
      }
    }
  };

  const discard = () =>
    startTransition(async () => {
      const result = await discardRosterImportAction({ id });
      if (!result.ok) setOutcome({ kind: "error", message: result.message });
      else router.refresh();
    });

  const percent = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <section aria-labelledby="commit-title" className="card mb-4 space-y-3 p-4">
      <h2 id="commit-title" className="font-semibold text-slate-900">
        Commit
      </h2>
      <OutcomeBanner outcome={outcome} />
      <p className="text-sm text-slate-700">
        {accepted.toLocaleString("en")} of {total.toLocaleString("en")} rows will be imported in one step. If anything fails, nothing is imported.
      </p>
      {progress ? (
        <div aria-live="polite">
          <label htmlFor="commit-progress" className="field-label">
            {PHASES[progress.phase] ?? progress.phase} ({percent}%)
          </label>
          <progress id="commit-progress" max={100} value={percent} className="w-full" />
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="button" className="btn btn-primary" onClick={() => void commit()} disabled={Boolean(progress) || pending}>
          Commit import
        </button>
        <button type="button" className="btn btn-secondary" onClick={discard} disabled={Boolean(progress) || pending}>
          Discard
        </button>
      </div>
    </section>
  );
}
