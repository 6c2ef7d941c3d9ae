import { and, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
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

/**
 * Counts one failure against each key and locks a key that reaches its limit. A failure while a key is
 * locked changes nothing for that key, so the lock ends on time however often someone keeps guessing.
 * The first failure after a lock has ended starts a new window with a count of 1.
 */
export async function recordFailure(email: string, ip: string, now: Date): Promise<void> {
  const keys = throttleKeys(email, ip);
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const lockedUntil = new Date(now.getTime() + THROTTLE.lockMinutes * 60_000);
  const col = t.authThrottle;
  const nowParam = sql.param(now, col.lockedUntil);
  const locked = sql`(${col.lockedUntil} is not null and ${col.lockedUntil} >= ${nowParam})`;
  const restart = sql`(${col.lockedUntil} is not null or ${col.windowStartedAt} < ${sql.param(windowStart, col.windowStartedAt)})`;

  await transaction(async (tx) => {
    for (const [key, limit] of [
      [keys.account, THROTTLE.accountFailures],
      [keys.ip, THROTTLE.ipFailures],
    ] as const) {
      // Every SET expression reads the row as it was before the update, so `locked` and `restart` are
      // evaluated on the old values in both dialects. `restart` is reached only when the key is not
      // locked, so a non-null lockedUntil there is a lock that has ended.
      await tx
        .insert(col)
        .values({ key, failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: col.key,
          set: {
            failures: sql`case when ${locked} then ${col.failures} when ${restart} then 1 else ${col.failures} + 1 end`,
            windowStartedAt: sql`case when ${locked} then ${col.windowStartedAt} when ${restart} then ${sql.param(now, col.windowStartedAt)} else ${col.windowStartedAt} end`,
            lockedUntil: sql`case when ${locked} then ${col.lockedUntil} else null end`,
          },
        });
      await tx.update(col).set({ lockedUntil }).where(and(eq(col.key, key), gte(col.failures, limit), isNull(col.lockedUntil)));
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
