import { eq, ne } from "drizzle-orm";
import { t, type Db } from "@/db";
import { ConflictError } from "@/lib/errors";

export interface DemoMarker {
  seed: number;
  seededAt: Date;
}

/** Raised when the database already contains data that the demo seeder did not write. */
export class DemoRefusedError extends ConflictError {
  constructor(readonly found: string[]) {
    super(
      `The database already contains data that is not from the demo (${found.join(", ")}). ` +
        "The demo seeder only fills an empty database, so it changed nothing. Point DATABASE_URL at a new database to seed the demo.",
    );
    this.name = "DemoRefusedError";
  }
}

export async function readDemoMarker(executor: Db): Promise<DemoMarker | null> {
  const [row] = await executor.select().from(t.demoMarker).where(eq(t.demoMarker.id, 1)).limit(1);
  return row?.isDemo ? { seed: row.seed, seededAt: row.seededAt } : null;
}

/**
 * Lists the kinds of organization data present. Built-in roles, job runs and system audit events do not
 * count, because a freshly migrated database, or one where scheduled jobs already ran, contains them.
 */
export async function findOrganizationData(executor: Db): Promise<string[]> {
  const probes: [string, () => PromiseLike<unknown[]>][] = [
    ["users", () => executor.select({ id: t.users.id }).from(t.users).limit(1)],
    ["teams", () => executor.select({ id: t.teams.id }).from(t.teams).limit(1)],
    ["grants", () => executor.select({ id: t.grants.id }).from(t.grants).limit(1)],
    ["custom roles", () => executor.select({ id: t.roles.id }).from(t.roles).where(eq(t.roles.builtIn, false)).limit(1)],
    ["incidents", () => executor.select({ id: t.incidents.id }).from(t.incidents).limit(1)],
    ["on-call schedules", () => executor.select({ id: t.oncallSchedules.id }).from(t.oncallSchedules).limit(1)],
    ["access review campaigns", () => executor.select({ id: t.reviewCampaigns.id }).from(t.reviewCampaigns).limit(1)],
    ["access requests", () => executor.select({ id: t.accessRequests.id }).from(t.accessRequests).limit(1)],
    ["API tokens", () => executor.select({ id: t.apiTokens.id }).from(t.apiTokens).limit(1)],
    ["audit events", () => executor.select({ id: t.auditEvents.id }).from(t.auditEvents).where(ne(t.auditEvents.actorType, "system")).limit(1)],
  ];
  const found: string[] = [];
  for (const [name, probe] of probes) if ((await probe()).length) found.push(name);
  return found;
}
