import type { Metadata } from "next";
import { capitalize } from "@/components/ui/badges";
import { LocalTime } from "@/components/ui/local-time";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { INCIDENT_STATUSES, SEVERITIES } from "@/db/types";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { getDashboardSummary, type DashboardSummary } from "@/lib/services/dashboard/summary";

export const metadata: Metadata = { title: "Dashboard" };

// This page is rendered on the server from aggregate counts only, and its one client component
// (LocalTime) receives a timestamp. No incident title, assignee or sensitive field reaches the browser.
const OPEN_STATUSES = INCIDENT_STATUSES.filter((status) => status !== "resolved" && status !== "closed");

const SEVERITY_BAR: Record<string, string> = { SEV1: "bg-red-600", SEV2: "bg-orange-500", SEV3: "bg-amber-400", SEV4: "bg-slate-400" };

export default async function DashboardPage() {
  const ctx = await requirePageContext("/dashboard");
  const loaded = await loadForPage(ctx, () => getDashboardSummary(ctx));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const summary = loaded.data;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          <>
            Incident status and access posture, as counts. Updated <LocalTime iso={summary.generatedAt} />.
          </>
        }
      />
      <section aria-label="Incident totals" className="mb-4 grid gap-3 sm:grid-cols-3">
        <Stat label="Open incidents" value={summary.openTotal} />
        <Stat label="Open major incidents (SEV1 and SEV2)" value={summary.majorOpen} tone={summary.majorOpen > 0 ? "alert" : "normal"} />
        <Stat label="Resolved in the last 30 days" value={summary.resolvedLast30Days} />
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <BySeverity summary={summary} />
        <BySeverityAndStatus summary={summary} />
      </div>
      <AccessPosture summary={summary} />
    </>
  );
}

function Stat({ label, value, tone = "normal" }: { label: string; value: number; tone?: "normal" | "alert" }) {
  return (
    <div className={`card p-4 ${tone === "alert" ? "border-red-300" : ""}`}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className={`mt-1 text-3xl font-semibold tabular-nums ${tone === "alert" ? "text-red-700" : "text-slate-900"}`}>{value.toLocaleString("en")}</p>
    </div>
  );
}

function BySeverity({ summary }: { summary: DashboardSummary }) {
  const max = Math.max(1, ...SEVERITIES.map((s) => summary.openBySeverity[s] ?? 0));
  return (
    <section aria-labelledby="by-severity-title" className="card min-w-0 p-4">
      <h2 id="by-severity-title" className="mb-3 text-base font-semibold">
        Open incidents by severity
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">Number of open incidents for each severity</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Open incidents</th>
            <th scope="col">Share of the largest group</th>
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((severity) => {
            const count = summary.openBySeverity[severity] ?? 0;
            return (
              <tr key={severity}>
                <th scope="row" className="w-16 py-1.5 pr-3 text-left font-medium text-slate-800">
                  {severity}
                </th>
                <td className="w-12 py-1.5 pr-3 text-right font-semibold tabular-nums">{count}</td>
                <td className="py-1.5" aria-hidden="true">
                  <div className="h-4 rounded bg-slate-100">
                    <div className={`h-4 rounded ${SEVERITY_BAR[severity]}`} style={{ width: `${(count / max) * 100}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function BySeverityAndStatus({ summary }: { summary: DashboardSummary }) {
  const countOf = (severity: string, status: string) => summary.openBySeverityAndStatus.find((row) => row.severity === severity && row.status === status)?.count ?? 0;
  const max = Math.max(1, ...summary.openBySeverityAndStatus.map((row) => row.count));

  return (
    <section aria-labelledby="by-status-title" className="card min-w-0 p-4">
      <h2 id="by-status-title" className="mb-3 text-base font-semibold">
        Open incidents by severity and status
      </h2>
      {/* Focusable, so keyboard users can scroll the table on narrow screens. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Severity and status table">
        <table className="w-full text-sm">
          <caption className="sr-only">Number of open incidents for each severity and status</caption>
          <thead>
            <tr className="text-xs font-semibold tracking-wide text-slate-700 uppercase">
              <th scope="col" className="py-1.5 pr-3 text-left">
                Severity
              </th>
              {OPEN_STATUSES.map((status) => (
                <th key={status} scope="col" className="px-2 py-1.5 text-right">
                  {capitalize(status)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SEVERITIES.map((severity) => (
              <tr key={severity} className="border-t border-slate-100">
                <th scope="row" className="py-1.5 pr-3 text-left font-medium text-slate-800">
                  {severity}
                </th>
                {OPEN_STATUSES.map((status) => {
                  const count = countOf(severity, status);
                  return (
                    <td key={status} className="px-1 py-1">
                      <span className={`block rounded px-2 py-1 text-right font-semibold tabular-nums ${heat(count, max)}`}>{count}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// Darker cells hold more incidents, and every step keeps the text at a readable contrast.
function heat(count: number, max: number): string {
  if (count === 0) return "bg-slate-50 text-slate-500";
  const share = count / max;
  if (share > 0.66) return "bg-indigo-700 text-white";
  if (share > 0.33) return "bg-indigo-300 text-indigo-950";
  return "bg-indigo-100 text-indigo-950";
}

function AccessPosture({ summary }: { summary: DashboardSummary }) {
  const { access } = summary;
  const items: [string, number, string][] = [
    ["Active users", access.activeUsers, "People who can sign in today"],
    ["Suspended users", access.suspendedUsers, "Accounts paused by an administrator"],
    ["Grants expiring within 14 days", access.grantsExpiringIn14Days, "Time-limited roles about to end"],
    ["Active contractors and vendors", access.timeLimitedAccounts, "Accounts whose access must have an end date"],
  ];
  return (
    <section aria-labelledby="access-title" className="mt-4">
      <h2 id="access-title" className="mb-2 text-base font-semibold">
        Access posture
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {items.map(([label, value, hint]) => (
          <div key={label} className="card p-4">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value.toLocaleString("en")}</dd>
            <dd className="mt-1 text-xs text-slate-600">{hint}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
