import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, t, transaction } from "@/db";

// Limits per 15-minute window. The IP limit is higher because many people can share one address.
export const THROTTLE = { windowMinutes: 15, lockMinutes: 15, accountFailures: 5, ipFailures: 20 } as const;

export const throttleKeys = (email: string, ip: string) => ({ account: `account:${email}`, ip: `ip:${ip}` });

export async function isLocked(keys: string[], now: Date): Promise<boolean> {
  const rows = await db
    .select({ key: t.authThrottle.key })
    .from(t.authThrottle)
    .where(and(inArray(t.authThrottle.key, keys), gte(t.authThrottle.lockedUntil, now)));
  return rows.length > 0;
}

/** Counts one failure against each key and locks a key that reaches its limit. */
export async function recordFailure(email: string, ip: string, now: Date): Promise<void> {
  const keys = throttleKeys(email, ip);
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const lockedUntil = new Date(now.getTime() + THROTTLE.lockMinutes * 60_000);
  const col = t.authThrottle;

  await transaction(async (tx) => {
    for (const [key, limit] of [
      [keys.account, THROTTLE.accountFailures],
      [keys.ip, THROTTLE.ipFailures],
    ] as const) {
      await tx
        .insert(col)
        .values({ key, failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: col.key,
          set: {
            failures: sql`case when ${col.windowStartedAt} < ${sql.param(windowStart, col.windowStartedAt)} then 1 else ${col.failures} + 1 end`,
            windowStartedAt: sql`case when ${col.windowStartedAt} < ${sql.param(windowStart, col.windowStartedAt)} then ${sql.param(now, col.windowStartedAt)} else ${col.windowStartedAt} end`,
          },
        });
      await tx.update(col).set({ lockedUntil }).where(and(eq(col.key, key), gte(col.failures, limit)));
    }
  });
}

export async function clearAccountFailures(email: string): Promise<void> {
  await transaction(async (tx) => {
    await tx.delete(t.authThrottle).where(eq(t.authThrottle.key, `account:${email}`));
  });
}

/** Deletes counters whose window and lock have both passed; run by the jobs. */
export async function pruneThrottle(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  return transaction(async (tx) => {
    const gone = await tx
      .delete(t.authThrottle)
      .where(and(lt(t.authThrottle.windowStartedAt, cutoff), sql`(${t.authThrottle.lockedUntil} is null or ${t.authThrottle.lockedUntil} < ${sql.param(now, t.authThrottle.lockedUntil)})`))
      .returning({ key: t.authThrottle.key });
    return gone.length;
  });
}
