"use client";

import "./globals.css";

// Replaces the root layout when it fails, so it renders its own html and body.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-100 text-slate-900 antialiased">
        <main className="flex justify-center px-4 pt-[15vh]">
          <section role="alert" className="card max-w-md p-6 text-center">
            <h1 className="text-lg font-semibold">Something went wrong</h1>
            <p className="mt-2 text-sm text-slate-600">Warden could not load this page. Try again in a moment.</p>
            {error.digest ? <p className="mt-2 font-mono text-xs text-slate-600">Reference: {error.digest}</p> : null}
            <button type="button" className="btn btn-secondary mt-4" onClick={reset}>
              Try again
            </button>
          </section>
        </main>
      </body>
    </html>
  );
}
