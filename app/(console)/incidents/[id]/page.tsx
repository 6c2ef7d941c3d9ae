import type { Metadata } from "next";
import { IncidentStatusBadge, SeverityBadge } from "@/components/ui/badges";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { LocalTime } from "@/components/ui/local-time";
import { NoAccess } from "@/components/ui/no-access";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { listAssignableUsers } from "@/lib/services/incidents/assignees";
import { getIncident, type IncidentView } from "@/lib/services/incidents/get";
import { closePermissionFor } from "@/lib/services/incidents/visibility";
import { CloseIncident } from "./close-incident";
import { UpdateIncidentForm } from "./update-form";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/incidents/${encodeURIComponent(id)}`);

  const loaded = await loadForPage(ctx, async () => {
    const incident = await getIncident(ctx, id);
    // The picker lists staff names, so only actors who may reassign the incident receive it.
    const people = incident.allowed.assign ? await listAssignableUsers(ctx, id) : null;
    return { incident, people };
  });
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const { incident, people } = loaded.data;
  const label = `incident #${incident.number}`;

  return (
    <>
      <Breadcrumbs items={[{ href: "/incidents", label: "Incidents" }, { label: `#${incident.number}` }]} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">
            <span className="mr-2 font-mono text-base text-slate-600">#{incident.number}</span>
            {incident.title}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={incident.severity} />
            <IncidentStatusBadge status={incident.status} />
            <span className="text-slate-600">{incident.teamName}</span>
          </div>
        </div>
        <CloseControl incident={incident} label={label} />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {incident.allowed.update ? (
            <section aria-labelledby="update-title" className="card p-4">
              <h2 id="update-title" className="mb-3 text-base font-semibold">
                Update incident
              </h2>
              <UpdateIncidentForm
                incident={{
                  id: incident.id,
                  version: incident.version,
                  status: incident.status,
                  summary: incident.summary,
                  assigneeId: incident.assigneeId,
                  commanderId: incident.commanderId,
                  sensitive: incident.sensitive ? { customerImpact: incident.sensitive.customerImpact ?? "", internalNotes: incident.sensitive.internalNotes ?? "" } : undefined,
                }}
                people={people}
              />
            </section>
          ) : (
            <ReadOnlyIncident incident={incident} />
          )}
        </div>
        <Details incident={incident} />
      </div>
    </>
  );
}

function CloseControl({ incident, label }: { incident: IncidentView; label: string }) {
  if (incident.allowed.close) return <CloseIncident incidentId={incident.id} label={label} />;
  // The hint explains a missing Close button to someone who works on the incident. A read-only viewer
  // cannot close any incident, so for them the hint would give the wrong reason.
  if (!incident.allowed.update || closePermissionFor(incident.severity) !== "incident.close_major") return null;
  return <p className="max-w-xs text-sm text-slate-600">{incident.severity} is a major incident: only an Incident Commander can close it.</p>;
}

function ReadOnlyIncident({ incident }: { incident: IncidentView }) {
  return (
    <>
      <section aria-labelledby="summary-title" className="card p-4">
        <h2 id="summary-title" className="mb-2 text-base font-semibold">
          Summary
        </h2>
        <p className="text-sm whitespace-pre-wrap text-slate-800">{incident.summary}</p>
        {incident.status === "closed" ? <p className="mt-3 text-sm text-slate-600">This incident is closed and can no longer be changed.</p> : null}
      </section>
      {incident.sensitive ? (
        <section aria-labelledby="sensitive-title" className="card border-amber-300 p-4">
          <h2 id="sensitive-title" className="mb-2 text-base font-semibold text-amber-950">
            Sensitive details
          </h2>
          <h3 className="text-sm font-medium text-slate-700">Customer impact</h3>
          <p className="mb-3 text-sm whitespace-pre-wrap text-slate-800">{incident.sensitive.customerImpact || "None recorded."}</p>
          <h3 className="text-sm font-medium text-slate-700">Internal notes</h3>
          <p className="text-sm whitespace-pre-wrap text-slate-800">{incident.sensitive.internalNotes || "None recorded."}</p>
        </section>
      ) : null}
    </>
  );
}

function Details({ incident }: { incident: IncidentView }) {
  const rows: [string, React.ReactNode][] = [
    ["Team", incident.teamName],
    ["Assignee", incident.assigneeName ?? "Unassigned"],
    ["Commander", incident.commanderName ?? "None"],
    ["Opened", <LocalTime iso={incident.createdAt.toISOString()} />],
    ["Last update", <LocalTime iso={incident.updatedAt.toISOString()} />],
    ["Resolved", <LocalTime iso={incident.resolvedAt?.toISOString() ?? null} />],
    ["Closed", <LocalTime iso={incident.closedAt?.toISOString() ?? null} />],
  ];
  return (
    <section aria-labelledby="details-title" className="card h-fit p-4">
      <h2 id="details-title" className="mb-3 text-base font-semibold">
        Details
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
