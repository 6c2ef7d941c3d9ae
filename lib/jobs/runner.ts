import { eq } from "drizzle-orm";
import os from "node:os";
import { t, transaction } from "@/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { systemContext } from "@/lib/services/context";
import { acquireLease, releaseLease } from "./lock";
import { JOBS, type JobDefinition } from "./registry";
import { safeErrorMessage } from "@/lib/sanitize-error";

export const instanceId = env.INSTANCE_ID ?? `${os.hostname()}:${process.pid}`;

export type JobOutcome = { name: string; status: "succeeded" | "failed" | "skipped"; detail?: Record<string, unknown> };

/** Runs one job under its lease and records the run; skips it when another instance holds the lease. */
export async function runJob(job: JobDefinition): Promise<JobOutcome> {
  const leaseMs = Math.max(job.everyMs, 5 * 60_000);
  if (!(await acquireLease(job.name, instanceId, leaseMs))) return { name: job.name, status: "skipped" };

  const runId = crypto.randomUUID();
  const log = logger.child({ job: job.name, runId });

  // Everything after the lease is taken sits inside try, so that any failure still releases the lease.
  try {
    await transaction((tx) => tx.insert(t.jobRuns).values({ id: runId, name: job.name, holder: instanceId, startedAt: new Date(), status: "running" }));
    const detail = await job.run(systemContext(`job:${job.name}`, runId));
    await finish(runId, "succeeded", detail);
    log.info({ detail }, "job succeeded");
    return { name: job.name, status: "succeeded", detail };
  } catch (err) {
    log.error({ err }, "job failed");
    await finish(runId, "failed", { error: safeErrorMessage(err) });
    return { name: job.name, status: "failed" };
  } finally {
    await releaseLease(job.name, instanceId);
  }
}

async function finish(runId: string, status: "succeeded" | "failed", detail: Record<string, unknown>) {
  await transaction((tx) => tx.update(t.jobRuns).set({ status, finishedAt: new Date(), detail: JSON.stringify(detail) }).where(eq(t.jobRuns.id, runId)));
}

export async function runAllJobsOnce(): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of JOBS) outcomes.push(await runJob(job));
  return outcomes;
}

let started = false;

/** Schedules every job in this process; used by the embedded setup, where no cron runs `npm run jobs`. */
export function startInProcessScheduler(): void {
  if (started) return;
  started = true;
  for (const job of JOBS) {
    const tick = () => void runJob(job).catch((err) => logger.error({ err, job: job.name }, "job tick failed"));
    setTimeout(tick, 5_000).unref();
    setInterval(tick, job.everyMs).unref();
  }
  logger.info({ instanceId, jobs: JOBS.map((j) => j.name) }, "in-process job scheduler started");
}
