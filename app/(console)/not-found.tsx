import Link from "next/link";

export default function ConsoleNotFound() {
  return (
    <section aria-labelledby="not-found-title" className="card mx-auto mt-8 max-w-lg p-6 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">404</p>
      <h1 id="not-found-title" className="mt-1 text-lg font-semibold text-slate-900">
        Not found
      </h1>
      <p className="mt-2 text-sm text-slate-600">This record does not exist, or it was removed.</p>
      <p className="mt-4">
        <Link href="/" className="btn btn-secondary">
          Go to your start page
        </Link>
      </p>
    </section>
  );
}
