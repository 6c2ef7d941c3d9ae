import { count } from "drizzle-orm";
import { db, t, transaction } from "@/db";
import { logger } from "@/lib/logger";
import { recordAudit } from "@/lib/services/audit/emit";
import { hashPassword } from "@/lib/services/auth/passwords";
import { systemContext } from "@/lib/services/context";
import { appendAuditEvents } from "./audit-writer";
import { DemoRefusedError, findOrganizationData, readDemoMarker } from "./guard";
import { insertPlan } from "./insert";
import { DEMO_PASSWORD, PERSONAS } from "./personas";
import { buildDemoPlan } from "./plan";

export { DemoRefusedError } from "./guard";
export { buildDemoPlan, DEFAULT_DEMO_USERS } from "./plan";
export { DEFAULT_DEMO_SEED } from "./random";
export { formatSignInTable, personaSignIns } from "./sign-ins";

export interface SeedDemoOptions {
  seed?: number;
  users?: number;
}

export interface DemoCounts {
  users: number;
  teams: number;
  grants: number;
  incidents: number;
  shifts: number;
  auditEvents: number;
}

export type SeedDemoResult =
  | { status: "seeded"; seed: number; anchor: Date; counts: DemoCounts; elapsedMs: number }
  | { status: "existing"; seed: number; seededAt: Date; counts: DemoCounts; elapsedMs: number };

const log = logger.child({ component: "demo" });

/**
 * Seeds the demo organization into the configured, already migrated database, in one transaction.
 * Returns `existing` without changes when the demo is already there. Raises DemoRefusedError, changing
 * nothing, when the database contains any other organization data.
 */
export async function seedDemo(options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  const marker = await readDemoMarker(db);
  if (marker) {
    log.info({ seed: marker.seed, seededAt: marker.seededAt }, "demo organization already present, nothing seeded");
    return { status: "existing", seed: marker.seed, seededAt: marker.seededAt, counts: await countDemoData(), elapsedMs: elapsed() };
  }
  const found = await findOrganizationData(db);
  if (found.length) throw new DemoRefusedError(found);

  const plan = buildDemoPlan(options);
  log.info({ seed: plan.seed, anchor: plan.anchor, users: plan.users.length, auditEvents: plan.auditEvents.length, ms: elapsed() }, "demo plan built");

  const passwordHashes = await hashPersonaPasswords(plan.personaIds);

  const seededAt = new Date();
  const raced = await transaction(async (tx) => {
    // Checked again under the write lock, in case another seeder or the app wrote since the first check.
    const existing = await readDemoMarker(tx);
    if (existing) return existing;
    const foundNow = await findOrganizationData(tx);
    if (foundNow.length) throw new DemoRefusedError(foundNow);

    await insertPlan(tx, plan, passwordHashes);
    await appendAuditEvents(tx, plan.auditEvents);
    await tx.insert(t.demoMarker).values({ id: 1, seed: plan.seed, seededAt, isDemo: true });
    await recordAudit(tx, { ...systemContext("demo seeder"), now: seededAt }, {
      action: "demo.seed",
      target: { type: "demo", id: String(plan.seed) },
      after: { seed: plan.seed, anchor: plan.anchor, users: plan.users.length, incidents: plan.incidents.length, auditEvents: plan.auditEvents.length },
    });
    return null;
  });
  if (raced) return { status: "existing", seed: raced.seed, seededAt: raced.seededAt, counts: await countDemoData(), elapsedMs: elapsed() };

  const counts = await countDemoData();
  log.info({ seed: plan.seed, ...counts, ms: elapsed() }, "demo organization seeded");
  return { status: "seeded", seed: plan.seed, anchor: plan.anchor, counts, elapsedMs: elapsed() };
}

// Only the personas get a password, because hashing one per generated user would take minutes.
async function hashPersonaPasswords(personaIds: Record<string, string>): Promise<Map<string, string>> {
  const hashes = await Promise.all(PERSONAS.map(async (p) => [personaIds[p.key], await hashPassword(DEMO_PASSWORD)] as const));
  return new Map(hashes);
}

/** Counts the rows the seeder reports, straight from the database. */
export async function countDemoData(): Promise<DemoCounts> {
  const [[users], [teams], [grants], [incidents], [shifts], [auditEvents]] = await Promise.all([
    db.select({ n: count() }).from(t.users),
    db.select({ n: count() }).from(t.teams),
    db.select({ n: count() }).from(t.grants),
    db.select({ n: count() }).from(t.incidents),
    db.select({ n: count() }).from(t.shifts),
    db.select({ n: count() }).from(t.auditEvents),
  ]);
  return { users: users.n, teams: teams.n, grants: grants.n, incidents: incidents.n, shifts: shifts.n, auditEvents: auditEvents.n };
}
