import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badges";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { getRosterImport } from "@/lib/services/roster/batches";
import type { ImportReport } from "@/lib/services/roster/commit";
import { ROSTER_FIELDS } from "@/lib/services/roster/mapping";
import type { RowIssue } from "@/lib/services/roster/plan";
import { CommitPanel } from "./commit-panel";
import { MappingForm } from "./mapping-form";

export const metadata: Metadata = { title: "Roster import" };

// Large files list at most this many rows per table; the counts above the tables are always complete.
const SHOWN_ROWS = 500;

export default async function ImportPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/users/import/${encodeURIComponent(id)}`);
  const loaded = await loadForPage(ctx, () => getRosterImport(ctx, id));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const preview = loaded.data;

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { href: "/users/import", label: "Import roster" }, { label: preview.fileName }]} />
      {preview.status === "committed" ? (
        <Report fileName={preview.fileName} report={preview.report as ImportReport} />
      ) : preview.status === "discarded" ? (
        <>
          <PageHeader title={preview.fileName} description="This import was discarded and its file erased. Nothing was created." />
          <Link href="/users/import" className="btn btn-primary">
            Upload another file
          </Link>
        </>
      ) : (
        <Preview preview={preview} />
      )}
    </>
  );
}

function Preview({ preview }: { preview: Awaited<ReturnType<typeof getRosterImport>> }) {
  const plan = preview.plan!;
  const mapped = Object.fromEntries(ROSTER_FIELDS.map((f) => [f.key, plan.mapping[f.key] ?? null]));
  const rejected = plan.rows.filter((r) => r.errors.length);
  const warned = plan.rows.filter((r) => r.warnings.length);
  const sample = plan.rows.filter((r) => r.action === "create" || r.action === "update").slice(0, 50);

  return (
    <>
      <PageHeader title={`Preview of ${preview.fileName}`} description="Nothing has been imported yet. Check the rows below, then commit. Rejected rows are left out; every accepted row is imported together." />
      {preview.options.encodingWarning ? <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">{preview.options.encodingWarning}</p> : null}

      <section aria-labelledby="mapping-title" className="card mb-4 p-4">
        <details open={plan.missing.length > 0}>
          <summary id="mapping-title" className="cursor-pointer font-semibold text-slate-900">
            Columns and format
          </summary>
          <MappingForm id={preview.id} headers={plan.headers} fields={ROSTER_FIELDS.map((f) => ({ key: f.key, label: f.label }))} mapping={mapped} delimiter={preview.options.delimiter} dateFormat={preview.options.dateFormat} />
        </details>
        {plan.missing.length ? (
          <p role="alert" className="mt-3 text-sm text-red-800">
            Map these columns before the rows can be checked: {plan.missing.join(", ")}.
          </p>
        ) : null}
      </section>

      {plan.missing.length ? null : (
        <>
          <Summary counts={plan.counts} teamsToCreate={plan.teamsToCreate} />
          <CommitPanel id={preview.id} digest={plan.digest} accepted={plan.counts.create + plan.counts.update} total={plan.counts.rows} />
          <IssueTable title="Rejected rows" caption="These rows are not imported. Fix them in the file and import it again; the rows imported now are recognized and not duplicated." rows={rejected.map((r) => ({ rowNumber: r.rowNumber, email: r.email, issues: r.errors }))} tone="red" />
          <IssueTable title="Warnings" caption="These rows are imported as described." rows={warned.map((r) => ({ rowNumber: r.rowNumber, email: r.email, issues: r.warnings }))} tone="amber" />
          {sample.length ? (
            <section aria-labelledby="sample-title" className="card mb-4 overflow-x-auto p-4">
              <h2 id="sample-title" className="mb-2 font-semibold text-slate-900">
                First {sample.length} rows to create or update
              </h2>
              <table className="min-w-full text-left text-sm">
                <thead className="text-slate-600">
                  <tr>
                    <th className="py-1 pr-3">Row</th>
                    <th className="py-1 pr-3">Action</th>
                    <th className="py-1 pr-3">Name</th>
                    <th className="py-1 pr-3">Email</th>
                    <th className="py-1 pr-3">Team</th>
                    <th className="py-1 pr-3">Type</th>
                    <th className="py-1 pr-3">Role</th>
                    <th className="py-1">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  {sample.map((row) => (
                    <tr key={row.rowNumber} className="border-t border-slate-100">
                      <td className="py-1 pr-3 tabular-nums">{row.rowNumber}</td>
                      <td className="py-1 pr-3">{row.action === "create" ? <Badge tone="green">Create</Badge> : <Badge tone="blue">Update</Badge>}</td>
                      <td className="py-1 pr-3">{row.values?.name}</td>
                      <td className="py-1 pr-3 break-all">{row.values?.email}</td>
                      <td className="py-1 pr-3">{row.values?.teamName ?? "—"}</td>
                      <td className="py-1 pr-3">{row.values?.employmentType}</td>
                      <td className="py-1 pr-3">{row.action === "create" ? row.values?.roles.map((r) => r.role.name).join(", ") || "None" : "Unchanged"}</td>
                      <td className="py-1">{row.changes.join(", ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

function Summary({ counts, teamsToCreate }: { counts: Record<string, number>; teamsToCreate: string[] }) {
  const items: [string, number][] = [
    ["Rows in the file", counts.rows],
    ["New people", counts.create],
    ["Updated", counts.update],
    ["Already exist, unchanged", counts.unchanged],
    ["Skipped", counts.skip],
    ["Rejected", counts.reject],
    ["Warnings", counts.warnings],
  ];
  return (
    <section aria-labelledby="summary-title" className="card mb-4 p-4">
      <h2 id="summary-title" className="mb-2 font-semibold text-slate-900">
        Summary
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={`count-${label}`}>
              {value.toLocaleString("en")}
            </dd>
          </div>
        ))}
      </dl>
      {teamsToCreate.length ? <p className="mt-2 text-sm text-slate-700">New teams: {teamsToCreate.join(", ")}.</p> : null}
    </section>
  );
}

function IssueTable({ title, caption, rows, tone }: { title: string; caption: string; rows: { rowNumber: number; email: string | null; issues: RowIssue[] }[]; tone: "red" | "amber" }) {
  if (!rows.length) return null;
  const id = title.toLowerCase().replace(/\W+/g, "-");
  return (
    <section aria-labelledby={id} className="card mb-4 overflow-x-auto p-4">
      <h2 id={id} className="font-semibold text-slate-900">
        {title} <Badge tone={tone}>{rows.length.toLocaleString("en")}</Badge>
      </h2>
      <p className="mb-2 text-sm text-slate-600">
        {caption}
        {rows.length > SHOWN_ROWS ? ` The first ${SHOWN_ROWS} are listed.` : ""}
      </p>
      <table className="min-w-full text-left text-sm">
        <thead className="text-slate-600">
          <tr>
            <th className="py-1 pr-3">Row</th>
            <th className="py-1 pr-3">Email</th>
            <th className="py-1 pr-3">Column</th>
            <th className="py-1">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN_ROWS).flatMap((row) =>
            row.issues.map((issue, i) => (
              <tr key={`${row.rowNumber}-${i}`} className="border-t border-slate-100">
                <td className="py-1 pr-3 tabular-nums">{row.rowNumber}</td>
                <td className="py-1 pr-3 break-all">{row.email ?? "—"}</td>
                <td className="py-1 pr-3">{issue.column}</td>
                <td className="py-1">{issue.message}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

function Report({ fileName, report }: { fileName: string; report: ImportReport }) {
  return (
    <>
      <PageHeader title={`Import of ${fileName} committed`} description={`Committed in ${(report.durationMs / 1000).toFixed(1)} s. New people are invited; they get an invitation link from their profile, or sign in through single sign-on.`} actions={<Link href="/users?status=invited" className="btn btn-secondary">See invited people</Link>} />
      <Summary counts={report.counts} teamsToCreate={report.teamsCreated} />
      <IssueTable title="Rejected rows" caption="These rows were not imported." rows={report.rejected.map((r) => ({ rowNumber: r.rowNumber, email: r.email, issues: r.errors }))} tone="red" />
      <IssueTable title="Warnings" caption="These rows were imported as described." rows={report.warnings.map((r) => ({ rowNumber: r.rowNumber, email: r.email, issues: r.warnings }))} tone="amber" />
      {report.updated.length ? (
        <section aria-labelledby="updated-title" className="card mb-4 p-4">
          <h2 id="updated-title" className="mb-2 font-semibold text-slate-900">
            Updated people
          </h2>
          <ul className="text-sm">
            {report.updated.map((u) => (
              <li key={u.rowNumber}>
                Row {u.rowNumber}, {u.email}: {u.changes.join(", ")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
