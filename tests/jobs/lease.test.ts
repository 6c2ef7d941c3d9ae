import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { acquireLease, releaseLease } from "@/lib/jobs/lock";
import type { JobDefinition } from "@/lib/jobs/registry";
import { instanceId, runJob } from "@/lib/jobs/runner";

async function leaseOf(name: string) {
  const [row] = await db.select().from(t.jobLocks).where(eq(t.jobLocks.name, name));
  return row;
}

async function runsOf(name: string) {
  return db.select().from(t.jobRuns).where(eq(t.jobRuns.name, name));
}

function slowJob(name: string, calls: { count: number }): JobDefinition {
  return {
    name,
    everyMs: 60_000,
    run: async () => {
      calls.count += 1;
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { calls: calls.count };
    },
  };
}

describe("acquireLease", () => {
  it("lets one holder in at a time", async () => {
    expect(await acquireLease("lease.one", "a", 60_000)).toBe(true);

    expect(await acquireLease("lease.one", "b", 60_000)).toBe(false);
    expect(await acquireLease("lease.one", "a", 60_000)).toBe(false);
    expect((await leaseOf("lease.one")).holder).toBe("a");
  });

  it("admits exactly one of many concurrent holders", async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `holder-${i}`);

    const results = await Promise.all(holders.map((h) => acquireLease("lease.race", h, 60_000)));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await leaseOf("lease.race")).holder).toBe(holders[results.indexOf(true)]);
  });

  it("hands over an expired lease", async () => {
    const start = new Date();
    expect(await acquireLease("lease.expiry", "crashed", 1_000, start)).toBe(true);

    expect(await acquireLease("lease.expiry", "successor", 1_000, new Date(start.getTime() + 500))).toBe(false);
    expect(await acquireLease("lease.expiry", "successor", 1_000, new Date(start.getTime() + 1_001))).toBe(true);

    expect((await leaseOf("lease.expiry")).holder).toBe("successor");
  });

  it("is released only by its holder", async () => {
    await acquireLease("lease.release", "a", 60_000);

    await releaseLease("lease.release", "b");
    expect((await leaseOf("lease.release")).holder).toBe("a");

    await releaseLease("lease.release", "a");
    expect(await leaseOf("lease.release")).toBeUndefined();
    expect(await acquireLease("lease.release", "b", 60_000)).toBe(true);
  });
});

describe("runJob", () => {
  it("runs one of two concurrent calls and skips the other", async () => {
    const calls = { count: 0 };
    const job = slowJob("test.concurrent", calls);

    const outcomes = await Promise.all([runJob(job), runJob(job)]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(["skipped", "succeeded"]);
    expect(calls.count).toBe(1);
    const runs = await runsOf("test.concurrent");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "succeeded", holder: instanceId });
    expect(JSON.parse(runs[0].detail!)).toEqual({ calls: 1 });
    expect(runs[0].finishedAt).not.toBeNull();
  });

  it("releases the lease so the next run goes ahead", async () => {
    const calls = { count: 0 };
    const job = slowJob("test.sequential", calls);

    await runJob(job);
    expect(await leaseOf("test.sequential")).toBeUndefined();
    const second = await runJob(job);

    expect(second.status).toBe("succeeded");
    expect(calls.count).toBe(2);
  });

  it("skips a job whose lease another instance holds", async () => {
    const calls = { count: 0 };
    await transaction((tx) => tx.insert(t.jobLocks).values({ name: "test.held", holder: "other-instance", lockedUntil: new Date(Date.now() + 60_000) }));

    const outcome = await runJob(slowJob("test.held", calls));

    expect(outcome.status).toBe("skipped");
    expect(calls.count).toBe(0);
    expect(await runsOf("test.held")).toHaveLength(0);
    expect((await leaseOf("test.held")).holder).toBe("other-instance");
  });

  it("takes over the expired lease of a crashed instance", async () => {
    const calls = { count: 0 };
    await transaction((tx) => tx.insert(t.jobLocks).values({ name: "test.crashed", holder: "crashed-instance", lockedUntil: new Date(Date.now() - 1_000) }));

    const outcome = await runJob(slowJob("test.crashed", calls));

    expect(outcome.status).toBe("succeeded");
    expect(calls.count).toBe(1);
  });

  it("records a failure and releases the lease", async () => {
    const job: JobDefinition = {
      name: "test.failing",
      everyMs: 60_000,
      run: async () => {
        throw new Error("upstream timed out");
      },
    };

    const outcome = await runJob(job);

    expect(outcome.status).toBe("failed");
    const [run] = await runsOf("test.failing");
    expect(run.status).toBe("failed");
    expect(JSON.parse(run.detail!)).toEqual({ error: "upstream timed out" });
    expect(await leaseOf("test.failing")).toBeUndefined();
  });
});
