import { database } from "@/db";
import { runAllJobsOnce } from "@/lib/jobs/runner";
import { logger } from "@/lib/logger";

// Runs every job once and exits; meant for cron when several instances share a Postgres database.
const outcomes = await runAllJobsOnce();
for (const o of outcomes) logger.info(o, "job finished");
await database().close();
process.exit(outcomes.some((o) => o.status === "failed") ? 1 : 0);
