import Link from "next/link";

/** The state a console page shows when the server denied the actor access to it. */
export function NoAccess({ homeHref }: { homeHref: string }) {
  return (
    <section aria-labelledby="no-access-title" className="card mx-auto mt-8 max-w-lg p-6 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">403</p>
      <h1 id="no-access-title" className="mt-1 text-lg font-semibold text-slate-900">
        You do not have access to this page
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        Your roles do not include the permission this page needs. If you need it for your work, ask an administrator for a role that includes it.
      </p>
      <p className="mt-4">
        <Link href={homeHref} className="btn btn-secondary">
          Go to your start page
        </Link>
      </p>
    </section>
  );
}
