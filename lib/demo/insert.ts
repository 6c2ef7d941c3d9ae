import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import { t, type Db } from "@/db";
import type { DemoPlan } from "./types";

// 500 rows of at most 21 columns stay far below SQLite's limit of 32,766 bound parameters per statement.
const BATCH_SIZE = 500;

async function insertInBatches<T extends PgTable>(tx: Db, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    await tx.insert(table).values(rows.slice(start, start + BATCH_SIZE));
  }
}

/**
 * Inserts every row of the plan except the audit events, parents before children. Persona users get
 * their password hash here, because a salted hash differs on every run and so is not part of the plan.
 */
export async function insertPlan(tx: Db, plan: DemoPlan, passwordHashes: ReadonlyMap<string, string>): Promise<void> {
  const users = plan.users.map((u) => ({ ...u, passwordHash: passwordHashes.get(u.id) ?? null }));

  await insertInBatches(tx, t.teams, plan.teams);
  await insertInBatches(tx, t.users, users);
  await insertInBatches(tx, t.teamManagers, plan.teamManagers);
  await insertInBatches(tx, t.grants, plan.grants);
  await insertInBatches(tx, t.incidents, plan.incidents);
  await insertInBatches(tx, t.oncallSchedules, plan.schedules);
  await insertInBatches(tx, t.scheduleMembers, plan.scheduleMembers);
  await insertInBatches(tx, t.shifts, plan.shifts);
  await insertInBatches(tx, t.reviewCampaigns, plan.campaigns);
  await insertInBatches(tx, t.reviewItems, plan.reviewItems);
}
