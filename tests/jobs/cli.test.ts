import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { JOBS } from "@/lib/jobs/registry";
import { makeUser } from "../factory";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

/** Runs `npm run jobs` (scripts/jobs.ts) as a separate process against this file's database. */
async function runJobsCommand() {
  return run(TSX, ["scripts/jobs.ts"], {
    env: { ...process.env, LOG_LEVEL: "info", JOBS_IN_PROCESS: "off" },
    timeout: 60_000,
  });
}

function outcomesOf(stdout: string) {
  return stdout
    .split("\n")
    .filter((line) => line.includes('"job finished"'))
    .map((line) => JSON.parse(line) as { name: string; status: string });
}

describe("npm run jobs", () => {
  it("runs every job once and exits 0", async () => {
    const user = await makeUser({ roles: [{ role: "vendor", expiresAt: new Date(Date.now() - 60_000) }] });

    const { stdout } = await runJobsCommand();

    const outcomes = outcomesOf(stdout).map((o) => `${o.name}: ${o.status}`);
    expect(outcomes.sort(), stdout).toEqual(JOBS.map((j) => `${j.name}: succeeded`).sort());
    const [grant] = await db.select().from(t.grants).where(eq(t.grants.userId, user.id));
    expect(grant.endReason).toBe("expired");
    const runs = await db.select().from(t.jobRuns).where(eq(t.jobRuns.name, "grants.expire"));
    expect(runs.map((r) => r.status)).toEqual(["succeeded"]);
  });

  it("skips a job while another instance holds its lease", async () => {
    await transaction((tx) =>
      tx.insert(t.jobLocks).values({ name: "grants.expire", holder: "another-instance", lockedUntil: new Date(Date.now() + 60_000) }),
    );

    const { stdout } = await runJobsCommand();

    const outcomes = outcomesOf(stdout);
    expect(outcomes.find((o) => o.name === "grants.expire")?.status, stdout).toBe("skipped");
    expect(outcomes.find((o) => o.name === "auth.prune_throttle")?.status, stdout).toBe("succeeded");
  });
});
