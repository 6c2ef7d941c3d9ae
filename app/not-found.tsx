import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-start justify-center bg-slate-100 px-4 pt-[15vh]">
      <section aria-labelledby="not-found-title" className="card max-w-md p-6 text-center">
        <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">404</p>
        <h1 id="not-found-title" className="mt-1 text-lg font-semibold text-slate-900">
          Page not found
        </h1>
        <p className="mt-2 text-sm text-slate-600">The address may be mistyped, or the page may have moved.</p>
        <p className="mt-4">
          <Link href="/" className="btn btn-secondary">
            Go to the console
          </Link>
        </p>
      </section>
    </main>
  );
}
