import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, vi } from "vitest";

// Runs before each test file, in that file's own module registry: it creates a fresh database of the
// dialect under test, points DATABASE_URL at it before any app module reads the environment, migrates
// it, and removes it when the file is done.
vi.mock("server-only", () => ({}));

const dialect = process.env.TEST_DIALECT === "postgres" ? "postgres" : "sqlite";
const name = `warden_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let sqliteDir: string | undefined;

if (dialect === "postgres") {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-test-"));
  process.env.DATABASE_URL = `file:${path.join(sqliteDir, "test.db")}`;
}
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0000";
process.env.LOG_LEVEL ??= "silent";
process.env.JOBS_IN_PROCESS = "off";

const { database } = await import("@/db");
const { migrateDatabase } = await import("@/db/migrate");
await migrateDatabase(database());

afterAll(async () => {
  await database().close();
  if (dialect === "postgres") {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // pg's pool.end() resolves before its clients' sockets have closed. Dropping "with (force)" at that
    // moment kills a backend whose client is still closing, and Vitest reports that as an unhandled
    // error. So the drop first waits up to 5 seconds for the test's connections to close.
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await admin.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  } else if (sqliteDir) {
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
});
