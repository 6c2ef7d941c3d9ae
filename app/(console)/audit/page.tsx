import type { Metadata } from "next";
import Link from "next/link";
import { capitalize } from "@/components/ui/badges";
import { LocalTime } from "@/components/ui/local-time";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { can, permissionList } from "@/lib/permissions/check";
import { firstValues, pathWithQuery, type RawSearchParams } from "@/lib/search-params";
import { AUDIT_ACTIONS } from "@/lib/services/audit/actions";
import { auditListQuery, listAuditEvents, type AuditEventRow } from "@/lib/services/audit/list";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePageContext(pathWithQuery("/audit", params));
  const query = auditListQuery.parse(firstValues(params));

  const loaded = await loadForPage(ctx, () => listAuditEvents(ctx, query));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const page = loaded.data;
  const keep = { action: query.action, perPage: query.perPage === 50 ? undefined : String(query.perPage) };

  // TODO: link to the streaming CSV export once its route exists. Until then the control is disabled.
  const exportControl = can(ctx.actor, "audit.export") ? (
    <button type="button" className="btn btn-secondary" disabled title="The audit log export is not available yet.">
      Export CSV
    </button>
  ) : null;

  return (
    <>
      <PageHeader title="Audit log" description="Every change of state, newest first. Times are shown in your time zone." actions={exportControl} />

      <form method="get" className="mb-3 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="audit-action" className="field-label">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className="field-input w-auto">
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-secondary">
          Filter
        </button>
      </form>

      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-700 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">Time</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Actor</th>
              <th scope="col" className="px-3 py-2">Target</th>
              <th scope="col" className="px-3 py-2">IP address</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-8 text-center text-slate-600">
                  No audit events match.
                </td>
              </tr>
            ) : (
              page.rows.map((event) => (
                <tr key={event.id} className="hover:bg-slate-50">
                  <td className="px-3 py-2 whitespace-nowrap">
                    <LocalTime iso={event.occurredAt.toISOString()} />
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{event.action}</td>
                  <td className="px-3 py-2">
                    <Actor event={event} />
                  </td>
                  <td className="px-3 py-2">
                    <Target event={event} />
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-700">{event.ip ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <nav aria-label="Pagination" className="mt-3 flex justify-end gap-2">
        <CursorLink href={page.newerThan !== null ? pathWithQuery("/audit", { ...keep, after: String(page.newerThan) }) : null} text="Newer" />
        <CursorLink href={page.olderThan !== null ? pathWithQuery("/audit", { ...keep, before: String(page.olderThan) }) : null} text="Older" />
      </nav>
    </>
  );
}

function Actor({ event }: { event: AuditEventRow }) {
  const name = event.actorName ?? capitalize(event.actorType);
  if (event.actorType === "user" && event.actorId) {
    return (
      <Link href={`/users/${encodeURIComponent(event.actorId)}`} className="link">
        {name}
      </Link>
    );
  }
  return (
    <span>
      {name} <span className="text-xs text-slate-600">({event.actorType})</span>
    </span>
  );
}

const TARGET_PAGES: Record<string, string> = { user: "/users", incident: "/incidents" };

function Target({ event }: { event: AuditEventRow }) {
  if (!event.targetType) return <span className="text-slate-500">—</span>;
  const base = TARGET_PAGES[event.targetType];
  const label = `${event.targetType} ${event.targetId ?? ""}`.trim();
  if (base && event.targetId) {
    return (
      <Link href={`${base}/${encodeURIComponent(event.targetId)}`} className="link font-mono text-xs">
        {label}
      </Link>
    );
  }
  return <span className="font-mono text-xs text-slate-700">{label}</span>;
}

function CursorLink({ href, text }: { href: string | null; text: string }) {
  if (!href) {
    return (
      <span className="btn cursor-default border-slate-200 bg-slate-50 text-slate-500" aria-disabled="true">
        {text}
      </span>
    );
  }
  return (
    <Link href={href} className="btn btn-secondary">
      {text}
    </Link>
  );
}
