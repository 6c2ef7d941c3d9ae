import fs from "node:fs";
import path from "node:path";
import { database, transaction } from "@/db";
import { getDashboardSummary } from "@/lib/services/dashboard/summary";
import { incidentListQuery, listIncidents } from "@/lib/services/incidents/list";
import { createSession, loadActorForSession } from "@/lib/services/auth/sessions";
import type { ServiceContext } from "@/lib/services/context";
import { getUser } from "@/lib/services/users/get";
import { listUsers, userListQuery } from "@/lib/services/users/list";
import { SqlCapture, type Statement } from "./capture";
import { BENCH_ADMIN, BENCH_TEAM_ID, HEAVY_ACTOR_ID, typicalUserId, type Scale } from "./generate";
import { ms, type ResultRow, type Verdict } from "./report";
import { time, type Timing } from "./timing";

const USERS_PAGE_TARGET_MS = 15;
const USER_EVENTS_TARGET_MS = 20;

export async function benchContext(): Promise<ServiceContext> {
  const session = await transaction((tx) => createSession(tx, BENCH_ADMIN.id, new Date(), "127.0.0.1", "bench"));
  const actor = await loadActorForSession(session.id);
  if (!actor) throw new Error(`The bench administrator ${BENCH_ADMIN.id} cannot act: the generated data is incomplete.`);
  return { actor, requestId: "bench", ip: "127.0.0.1", userAgent: "bench" };
}

interface Figure {
  figure: string;
  targetMs?: number;
  // Whether the service sends its statements together (Promise.all), which only Postgres can overlap.
  parallel: boolean;
  run: () => Promise<unknown>;
}

/** Times a service call and the same statements run directly on the driver, and returns one table row. */
async function measureFigure(capture: SqlCapture, f: Figure, log: (line: string) => void): Promise<ResultRow> {
  const { statements } = await capture.record(f.run);
  const product = await time(f.run);
  const raw = await time(capture.rawRunner(statements, f.parallel));
  const row = serviceRow(f.figure, f.targetMs, product, raw, statements);
  log(`  ${f.figure}: ${row.measured}, raw ${ms(raw.medianMs)} ms`);
  return row;
}

function serviceRow(figure: string, targetMs: number | undefined, product: Timing, raw: Timing, statements: Statement[]): ResultRow {
  return {
    figure,
    layer: "service",
    target: targetMs ? `< ${targetMs} ms` : "none stated",
    measured: `${ms(product.medianMs)} ms (p95 ${ms(product.p95Ms)})`,
    ratio: `${(product.medianMs / raw.medianMs).toFixed(2)} (raw ${ms(raw.medianMs)} ms)`,
    verdict: verdictOf(product.medianMs, targetMs),
    data: { product, raw, statements: statements.map((s) => s.sql) },
  };
}

function verdictOf(medianMs: number, targetMs: number | undefined): Verdict {
  if (targetMs === undefined) return "no target";
  return medianMs < targetMs ? "pass" : "fall short";
}

/** Measures the service-level reads: users page, user detail, actor load, dashboard and incidents. */
export async function measureServices(ctx: ServiceContext, scale: Scale, log: (line: string) => void): Promise<ResultRow[]> {
  const capture = new SqlCapture(database());
  const rows: ResultRow[] = [];
  const users = (input: Record<string, unknown>) => () => listUsers(ctx, userListQuery.parse(input));

  const userPages: [string, Record<string, unknown>][] = [
    ["users page 1 by name, no filter, with count", {}],
    ["users page: status=active, by name, with count", { status: "active" }],
    ['users page: search "son" (about 8% of users), by name, with count', { q: "son" }],
    ['users page: search "ström" + status=active, by name, with count', { q: "ström", status: "active" }],
    ['users page: search "ma" (2 characters, no trigram), by name, with count', { q: "ma" }],
    ["users page: team + role=responder, newest first, with count", { team: BENCH_TEAM_ID, role: "responder", sort: "created", dir: "desc" }],
    ["users page: role=auditor, by name, with count", { role: "auditor" }],
    ["users page 200 (offset 9,950) by email, with count", { page: 200, sort: "email" }],
  ];
  for (const [figure, input] of userPages) {
    rows.push(await measureFigure(capture, { figure, targetMs: USERS_PAGE_TARGET_MS, parallel: true, run: users(input) }, log));
  }
  rows.push(await measureScanReference(log));

  for (const [figure, userId] of [
    ["user detail with newest 50 audit events: heavy actor (about 50,000 events)", HEAVY_ACTOR_ID],
    ["user detail with newest 50 audit events: typical user", typicalUserId(scale)],
  ] as const) {
    rows.push(await measureFigure(capture, { figure, targetMs: USER_EVENTS_TARGET_MS, parallel: true, run: () => getUser(ctx, userId) }, log));
  }

  rows.push(await measureActorLoad(capture, ctx, log));
  rows.push(await measureFigure(capture, { figure: "dashboard aggregates (getDashboardSummary)", parallel: true, run: () => getDashboardSummary(ctx) }, log));
  rows.push(
    await measureFigure(
      capture,
      { figure: "incidents page 1, newest first, with count", parallel: true, run: () => listIncidents(ctx, incidentListQuery.parse({})) },
      log,
    ),
  );
  return rows;
}

/**
 * The plain-SQL baseline the trigram index must beat: a case-insensitive LIKE substring search with its
 * count, the form the users page used before the trigram indexes. Raw SQL only.
 */
async function measureScanReference(log: (line: string) => void): Promise<ResultRow> {
  const d = database();
  const pattern = "%son%";
  const placeholder = d.dialect === "sqlite" ? "@pattern" : "$1";
  // "|| ''" makes the expression differ from the indexed lower(name), so Postgres cannot use pg_trgm here.
  const where = `(lower(name) || '') like ${placeholder} or (lower(email) || '') like ${placeholder}`;
  const page = `select id, name, email from users where ${where} order by name, id limit 50`;
  const total = `select count(*) as n from users where ${where}`;
  const run =
    d.dialect === "sqlite"
      ? async () => {
          const read = d.sqlite!.read;
          read.prepare(page).all({ pattern });
          read.prepare(total).all({ pattern });
        }
      : async () => {
          await Promise.all([d.pool!.query(page, [pattern]), d.pool!.query(total, [pattern])]);
        };
  const timing = await time(run);
  log(`  LIKE scan reference: ${ms(timing.medianMs)} ms`);
  return {
    figure: 'reference: search "son" as a LIKE scan (no trigram index), page + count',
    layer: "raw SQL",
    target: "the trigram search must beat it",
    measured: `${ms(timing.medianMs)} ms (p95 ${ms(timing.p95Ms)})`,
    ratio: "",
    verdict: "reference",
    data: { timing, statements: [page, total] },
  };
}

/** Measures the per-request actor load: its time, and that it is one statement (the permission check's only round trip). */
async function measureActorLoad(capture: SqlCapture, ctx: ServiceContext, log: (line: string) => void): Promise<ResultRow> {
  const sessionId = ctx.actor.sessionId!;
  const run = () => loadActorForSession(sessionId);
  const { statements } = await capture.record(run);
  const product = await time(run, { runs: 200 });
  const raw = await time(capture.rawRunner(statements, false), { runs: 200 });

  // Authorizing a users page must add nothing to the page's own two statements (rows and count).
  const page = await capture.record(() => listUsers(ctx, userListQuery.parse({ status: "active" })));
  const oneTrip = statements.length === 1;
  log(`  actor load: ${statements.length} statement(s), ${ms(product.medianMs)} ms; users page sends ${page.statements.length}`);
  return {
    figure: "permission check: actor load per request (loadActorForSession)",
    layer: "service",
    target: "1 query per request",
    measured: `${statements.length} query, ${ms(product.medianMs)} ms (p95 ${ms(product.p95Ms)}); users page adds ${page.statements.length - 2}`,
    ratio: `${(product.medianMs / raw.medianMs).toFixed(2)} (raw ${ms(raw.medianMs)} ms)`,
    verdict: oneTrip && page.statements.length === 2 ? "pass" : "fall short",
    data: { product, raw, statements: statements.map((s) => s.sql), usersPageStatements: page.statements.length },
  };
}

/** Figures whose capability does not exist yet: listed so the table shows every target. */
export function unbuiltRows(): ResultRow[] {
  const rows: ResultRow[] = [];
  const missing = (figure: string, target: string): ResultRow => ({ figure, layer: "service", target, measured: "", ratio: "", verdict: "not built yet" });
  rows.push(missing("audit: full CSV export of 1,000,000 events", "> 100,000 rows/s, memory rise < 100 MB"));
  rows.push(missing("access review: launch a campaign over 300,000 items", "< 10 s"));
  // Once lib/services/roster exists, the roster import is measured (measureRosterImport) instead.
  if (!rosterImportExists()) rows.push(missing("roster import: 10,000-row CSV, validated and committed", "< 5 s"));
  rows.push({ ...missing('SCIM GET /Users?filter=userName eq "..."', "> 500 requests/s"), layer: "http" });
  return rows;
}

export function rosterImportExists(): boolean {
  return ["batches.ts", "commit.ts"].every((file) => fs.existsSync(path.resolve("lib/services/roster", file)));
}
