import type { Metadata } from "next";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { can, permissionList, teamsFor } from "@/lib/permissions/check";
import type { Actor } from "@/lib/services/context";
import { firstValues, listValue, pathWithQuery, type RawSearchParams } from "@/lib/search-params";
import { incidentListQuery, listIncidents } from "@/lib/services/incidents/list";
import { IncidentFilters } from "./incident-filters";
import { IncidentsTable, type IncidentRow } from "./incidents-table";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePageContext(pathWithQuery("/incidents", params));
  const { open: _open, ...scalars } = firstValues(params);
  const query = incidentListQuery.parse({ ...scalars, status: listValue(params.status), severity: listValue(params.severity) });

  const loaded = await loadForPage(ctx, () => listIncidents(ctx, query));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const list = loaded.data;

  const rows: IncidentRow[] = list.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
  const listParams = {
    sort: query.sort,
    dir: query.dir,
    perPage: String(query.perPage),
    severity: query.severity.join(","),
    status: query.status.join(","),
  };

  return (
    <>
      <PageHeader title="Incidents" description={scopeOf(ctx.actor)} />
      <IncidentFilters />
      <IncidentsTable rows={rows} sort={query.sort} dir={query.dir} />
      <Pagination page={list.page} perPage={list.perPage} total={list.total} noun="incidents" hrefFor={(page) => pathWithQuery("/incidents", { ...listParams, page: String(page) })} />
    </>
  );
}

function scopeOf(actor: Actor): string {
  const teams = teamsFor(actor, "incident.view");
  if (teams === "all") return "Every incident in the organization.";
  const assigned = can(actor, "incident.view_assigned");
  if (teams.length === 0) return "Incidents assigned to you.";
  return assigned ? "Incidents of your teams, and those assigned to you." : "Incidents of your teams.";
}
