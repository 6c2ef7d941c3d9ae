import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { generateRoster } from "./roster-generate";

const HELP = `Usage: npx tsx bench/roster-import.ts [options]

Imports roster files into a fresh scratch database through the import services (upload, preview,
commit) as an Owner, and prints how long each step took: the 1,501-row fixture, then generated files.

  --dialect sqlite|postgres  database to measure (default: sqlite)
  --rows N[,N...]            sizes of generated files to import after the fixture (default: 10000)
  --runs N                   imports per file, each into a new database; the median is printed (default: 3)
  --postgres-url URL         administrative connection for the scratch databases
                             (default: postgres://postgres@127.0.0.1:5432/postgres)
`;

const { values: args } = parseArgs({
  options: {
    dialect: { type: "string", default: "sqlite" },
    rows: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
    "postgres-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    worker: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

interface Timing {
  upload: number;
  preview: number;
  commit: number;
  total: number;
  created: number;
  rejected: number;
}

// Worker mode: one import into the database named by DATABASE_URL, timings printed as JSON. The app's
// data layer opens DATABASE_URL once per process, so every run is its own process.
async function runWorker(file: string): Promise<void> {
  process.env.AUTH_SECRET ??= "bench-only-secret-bench-only-secret-0000";
  process.env.LOG_LEVEL = "silent";
  process.env.JOBS_IN_PROCESS = "off";
  const { database, t, transaction } = await import("@/db");
  const { migrateDatabase } = await import("@/db/migrate");
  const { createSession, loadActorForSession } = await import("@/lib/services/auth/sessions");
  const { createRosterImport, previewRosterImport } = await import("@/lib/services/roster/batches");
  const { commitRosterImport } = await import("@/lib/services/roster/commit");

  await migrateDatabase(database());
  const now = new Date();
  await transaction(async (tx) => {
    await tx.insert(t.users).values({ id: "bench-owner", email: "bench-owner@corp.example", name: "Bench Owner", employmentType: "employee", status: "active", source: "manual", createdAt: now, updatedAt: now });
    await tx.insert(t.grants).values({ id: "bench-owner-grant", userId: "bench-owner", roleId: "role_owner", grantedAt: now, source: "manual" });
  });
  const session = await transaction((tx) => createSession(tx, "bench-owner", now, "127.0.0.1", "bench"));
  const actor = (await loadActorForSession(session.id))!;
  const ctx = { actor, requestId: "bench", ip: "127.0.0.1", userAgent: "bench" };
  const bytes = new Uint8Array(fs.readFileSync(file));

  const t0 = performance.now();
  const { id } = await createRosterImport(ctx, { fileName: path.basename(file), bytes });
  const t1 = performance.now();
  const preview = await previewRosterImport(ctx, id);
  const t2 = performance.now();
  const report = await commitRosterImport(ctx, { id, digest: preview.plan.digest });
  const t3 = performance.now();

  await database().close();
  const timing: Timing = { upload: t1 - t0, preview: t2 - t1, commit: t3 - t2, total: t3 - t0, created: report.counts.create, rejected: report.counts.reject };
  process.stdout.write(`${JSON.stringify(timing)}\n`);
}

async function scratchDatabase(run: string) {
  if (args.dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-roster-bench-"));
    return { url: `file:${path.join(dir, "bench.db")}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `warden_roster_bench_${process.pid}_${run}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: args["postgres-url"] });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(args["postgres-url"]!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

async function main() {
  if (args.help) return void process.stdout.write(HELP);
  if (args.worker) return runWorker(args.worker);
  if (args.dialect !== "sqlite" && args.dialect !== "postgres") {
    process.stderr.write(`Invalid --dialect "${args.dialect}": use sqlite or postgres.\n`);
    process.exit(2);
  }

  const scratchDir = path.resolve("bench/scratch");
  fs.mkdirSync(scratchDir, { recursive: true });
  const files: [string, string][] = [["fixture (1,501 rows)", path.resolve("tests/fixtures/roster-hr-export.csv")]];
  for (const n of args.rows!.split(",").map(Number)) {
    const file = path.join(scratchDir, `roster-${n}.csv`);
    fs.writeFileSync(file, generateRoster(n));
    files.push([`generated (${n.toLocaleString("en")} rows)`, file]);
  }

  process.stdout.write(`dialect=${args.dialect} node=${process.version} cpus=${os.cpus().length} runs=${args.runs}\n`);
  for (const [label, file] of files) {
    const timings: Timing[] = [];
    for (let run = 0; run < Number(args.runs); run++) {
      const scratch = await scratchDatabase(`${run}`);
      try {
        const output = execFileSync(process.execPath, [...process.execArgv, process.argv[1], "--worker", file], { env: { ...process.env, DATABASE_URL: scratch.url }, encoding: "utf8" });
        timings.push(JSON.parse(output.trim().split("\n").pop()!));
      } finally {
        await scratch.drop();
      }
    }
    const median = (key: keyof Timing) => [...timings.map((x) => x[key])].sort((a, b) => a - b)[Math.floor(timings.length / 2)].toFixed(0);
    process.stdout.write(
      `${label}: created=${timings[0].created} rejected=${timings[0].rejected} upload=${median("upload")} ms, preview=${median("preview")} ms, commit=${median("commit")} ms, total=${median("total")} ms (median of ${timings.length})\n`,
    );
  }
}

await main();
