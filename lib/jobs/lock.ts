import { and, eq, lt } from "drizzle-orm";
import { t, transaction } from "@/db";

/**
 * Takes the named job's lease if nobody holds an unexpired one. The lease lives in the database, so on
 * Postgres at most one app instance runs a given job at a time; a crashed holder's lease simply expires.
 */
export async function acquireLease(name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const lockedUntil = new Date(now.getTime() + ttlMs);
  return transaction(async (tx) => {
    const taken = await tx
      .insert(t.jobLocks)
      .values({ name, holder, lockedUntil })
      .onConflictDoUpdate({ target: t.jobLocks.name, set: { holder, lockedUntil }, setWhere: lt(t.jobLocks.lockedUntil, now) })
      .returning({ holder: t.jobLocks.holder });
    return taken.length === 1 && taken[0].holder === holder;
  });
}

export async function releaseLease(name: string, holder: string): Promise<void> {
  await transaction(async (tx) => {
    await tx.delete(t.jobLocks).where(and(eq(t.jobLocks.name, name), eq(t.jobLocks.holder, holder)));
  });
}
