import { database } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { DemoRefusedError, formatSignInTable, seedDemo, type SeedDemoResult } from "@/lib/demo";
import { logger } from "@/lib/logger";

// Migrates the configured database, seeds the demo organization (or finds it already there) and prints
// the persona sign-ins. Exits 1 without changing anything when the database contains other data.
const d = database();
let exitCode = 0;

try {
  await migrateDatabase(d);
  const result = await seedDemo();
  printResult(result);
} catch (err) {
  exitCode = 1;
  if (err instanceof DemoRefusedError) {
    process.stderr.write(`Cannot seed the demo organization: ${err.message}\n`);
  } else {
    logger.error({ err }, "demo seeding failed");
  }
} finally {
  await d.close();
}
process.exit(exitCode);

function printResult(result: SeedDemoResult) {
  const c = result.counts;
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const lines =
    result.status === "seeded"
      ? [`Seeded the demo organization (seed ${result.seed}) into ${d.dialect} in ${seconds} s.`]
      : [`The demo organization is already there (seed ${result.seed}, seeded ${result.seededAt.toISOString()}); nothing changed.`];
  lines.push(
    `Users ${c.users}, teams ${c.teams}, grants ${c.grants}, incidents ${c.incidents}, shifts ${c.shifts}, audit events ${c.auditEvents}.`,
    "Ids, names, emails and incidents are the same on every run; times are relative to the UTC day of seeding.",
    "",
    "Sign in as any persona:",
    "",
    formatSignInTable(),
    "",
  );
  process.stdout.write(lines.join("\n") + "\n");
}
