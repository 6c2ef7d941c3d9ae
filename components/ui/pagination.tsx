import Link from "next/link";

interface PaginationProps {
  page: number;
  perPage: number;
  total: number;
  // Builds the link of another page, keeping the list's other URL parameters.
  hrefFor: (page: number) => string;
  noun: string;
}

/** Page links for a server-paginated list, with the total count and "page x of y". */
export function Pagination({ page, perPage, total, hrefFor, noun }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);

  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
      <p>
        {total === 0 ? (
          `No ${noun}`
        ) : (
          <>
            Showing {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")} {noun}
          </>
        )}
        <span className="mx-2 text-slate-400" aria-hidden="true">
          ·
        </span>
        Page {Math.min(page, pages).toLocaleString("en")} of {pages.toLocaleString("en")}
      </p>
      <div className="flex gap-2">
        <PageLink href={page > 1 ? hrefFor(Math.min(page - 1, pages)) : null} label="Previous page" text="Previous" />
        <PageLink href={page < pages ? hrefFor(page + 1) : null} label="Next page" text="Next" />
      </div>
    </nav>
  );
}

function PageLink({ href, label, text }: { href: string | null; label: string; text: string }) {
  if (!href) {
    return (
      <span className="btn cursor-default border-slate-200 bg-slate-50 text-slate-500" aria-disabled="true">
        {text}
      </span>
    );
  }
  return (
    <Link href={href} className="btn btn-secondary" aria-label={label}>
      {text}
    </Link>
  );
}
