"use client";

// Shown when a console page throws. In production Next.js replaces the error's message with a digest,
// so the page shows only that reference, which matches the server log entry.
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section aria-labelledby="error-title" role="alert" className="card mx-auto mt-8 max-w-lg p-6 text-center">
      <h1 id="error-title" className="text-lg font-semibold text-slate-900">
        Something went wrong
      </h1>
      <p className="mt-2 text-sm text-slate-600">The page could not be loaded. Nothing was changed. Try again, and if it keeps failing, report the reference below.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-600">Reference: {error.digest}</p> : null}
      <p className="mt-4">
        <button type="button" className="btn btn-secondary" onClick={reset}>
          Try again
        </button>
      </p>
    </section>
  );
}
