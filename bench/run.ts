import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";

const HELP = `Usage: npm run bench -- [options]

Generates a large organization into a scratch database and measures the product's speed targets.

  --dialect sqlite|postgres  database to measure (default: sqlite)
  --keep                     keep the scratch database afterwards, and reuse it if it is complete
  --app-dir DIR              folder holding a production build (.next) to serve for the HTTP figures
                             (default: the current folder); without a build the HTTP figures are skipped
  --no-http                  skip the HTTP figures
  --scale FRACTION           generate this fraction of the full size, for a quick trial (default: 1)
  --postgres-url URL         administrative connection for creating warden_bench
                             (default: postgres://postgres@127.0.0.1:5432/postgres)
`;

const { values: args } = parseArgs({
  options: {
    dialect: { type: "string", default: "sqlite" },
    keep: { type: "boolean", default: false },
    "app-dir": { type: "string" },
    "no-http": { type: "boolean", default: false },
    scale: { type: "string", default: "1" },
    "postgres-url": { type: "string", default: process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
if (args.dialect !== "sqlite" && args.dialect !== "postgres") {
  process.stderr.write(`Invalid --dialect "${args.dialect}": use sqlite or postgres.\n`);
  process.exit(2);
}
const fraction = Number(args.scale);
if (!(fraction > 0 && fraction <= 1)) {
  process.stderr.write(`Invalid --scale "${args.scale}": use a number above 0 and at most 1.\n`);
  process.exit(2);
}

const dialect = args.dialect;
const SQLITE_FILE = path.resolve("bench/scratch/warden-bench.db");
const PG_DATABASE = "warden_bench";
const BENCH_AUTH_SECRET = "bench-only-secret-bench-only-secret-0000";

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function postgresUrl(database: string): string {
  const url = new URL(args["postgres-url"]!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const admin = new pg.Client({ connectionString: args["postgres-url"] });
  await admin.connect();
  try {
    return await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function createScratch(reuse: boolean): Promise<string> {
  if (dialect === "sqlite") {
    if (!reuse) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(SQLITE_FILE + suffix, { force: true });
    fs.mkdirSync(path.dirname(SQLITE_FILE), { recursive: true });
    return `file:${SQLITE_FILE}`;
  }
  const exists = (await adminQuery(`select 1 from pg_database where datname = '${PG_DATABASE}'`)).rowCount === 1;
  if (exists && !reuse) await adminQuery(`drop database ${PG_DATABASE} with (force)`);
  if (!exists || !reuse) await adminQuery(`create database ${PG_DATABASE}`);
  return postgresUrl(PG_DATABASE);
}

async function dropScratch() {
  if (dialect === "sqlite") for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(SQLITE_FILE + suffix, { force: true });
  else await adminQuery(`drop database if exists ${PG_DATABASE} with (force)`);
}

async function main() {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0]!;
  const url = await createScratch(args.keep);

  // App modules read the environment once, on import, so it is set before the first of them loads.
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET = BENCH_AUTH_SECRET;
  process.env.LOG_LEVEL ??= "warn";
  process.env.JOBS_IN_PROCESS = "off";

  const { database } = await import("@/db");
  const { migrateDatabase } = await import("@/db/migrate");
  const { FULL_SCALE, generateOrganization } = await import("./generate");
  const { benchContext, measureServices, rosterImportExists, unbuiltRows } = await import("./measure-services");
  const { measureRosterImport } = await import("./measure-roster");
  const { measureHttp } = await import("./measure-http");
  const { describeEnvironment, formatTable, writeResult } = await import("./report");
  const { readMarker, writeMarker } = await import("./marker");

  const d = database();
  const scale = Object.fromEntries(Object.entries(FULL_SCALE).map(([k, v]) => [k, k === "grantsPerUser" ? v : Math.max(1, Math.round(v * fraction))])) as typeof FULL_SCALE;

  log(`Scratch database (${dialect}): ${dialect === "sqlite" ? SQLITE_FILE : PG_DATABASE}`);
  await migrateDatabase(d);

  let generation: { seconds: number; reused: boolean; rows: Record<string, number>; steps: Record<string, number> };
  const marker = args.keep ? await readMarker(d) : null;
  if (marker && JSON.stringify(marker.scale) === JSON.stringify(scale)) {
    log(`Reusing the organization generated on ${marker.generatedAt} (--keep).`);
    generation = { seconds: marker.seconds, reused: true, rows: marker.rows, steps: marker.steps };
  } else {
    if (marker) throw new Error("The kept scratch database was generated at another --scale: run once without --keep to regenerate it.");
    log(`Generating ${scale.users.toLocaleString("en-US")} users, ${(scale.users * scale.grantsPerUser).toLocaleString("en-US")} grants, ${scale.incidents.toLocaleString("en-US")} incidents, ${scale.auditEvents.toLocaleString("en-US")} audit events`);
    const report = await generateOrganization(d, scale, log);
    await writeMarker(d, { scale, generatedAt: new Date().toISOString(), ...report });
    generation = { ...report, reused: false };
    log(`Generated in ${report.seconds.toFixed(1)} s`);
  }

  const { default: SQLite } = await import("better-sqlite3");
  const memory = new SQLite(":memory:");
  const sqliteVersion = (memory.prepare("select sqlite_version() as v").get() as { v: string }).v;
  memory.close();
  const postgresVersion = dialect === "postgres" ? ((await d.pool!.query("show server_version")).rows[0] as { server_version: string }).server_version : null;

  log("Service figures");
  const ctx = await benchContext();
  const rows = await measureServices(ctx, scale, log);
  const notes: string[] = [];

  if (args["no-http"]) {
    notes.push("HTTP figures skipped (--no-http).");
  } else {
    log("HTTP figures");
    const http = await measureHttp({ appDir: path.resolve(args["app-dir"] ?? "."), databaseUrl: url, authSecret: BENCH_AUTH_SECRET, log });
    rows.push(...http.rows);
    notes.push(...http.notes);
  }

  // Last, because it writes: every figure above reads the generated organization as it was.
  if (rosterImportExists()) {
    log("Roster import");
    rows.push(await measureRosterImport(ctx, log));
  }
  rows.push(...unbuiltRows());

  await d.close();
  if (!args.keep) await dropScratch();

  const result = {
    startedAt,
    finishedAt: new Date().toISOString(),
    totalSeconds: (performance.now() - started) / 1000,
    environment: describeEnvironment(dialect, sqliteVersion, postgresVersion, loadAtStart),
    generation,
    rows,
    notes,
  };
  const file = writeResult(result);

  log("");
  log(formatTable(rows));
  log("");
  for (const note of notes) log(`Note: ${note}`);
  const load = result.environment.loadAverage;
  log(`Generation: ${generation.seconds.toFixed(1)} s${generation.reused ? " (earlier run, reused)" : ""}. Whole run: ${result.totalSeconds.toFixed(0)} s on ${result.environment.cpus} CPUs, load average ${load.start.toFixed(1)} at the start and ${load.end.toFixed(1)} at the end.`);
  log(`Results written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
