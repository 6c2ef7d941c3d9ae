import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import { z } from "zod";
import { t, transaction, type Db } from "@/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { isOwner } from "@/lib/services/grants/assign";
import { loadUserRowFor, type UserRow } from "./load";
import { getRetentionDays } from "./retention";

const DAY_MS = 86_400_000;

/** Returns the name a purged user is shown under, which is stable and reveals nothing about the person. */
export function pseudonymFor(userId: string): string {
  return `Former user ${userId.replace(/[^a-zA-Z0-9]/g, "").slice(0, 8)}`;
}

// The email is replaced by an address under the reserved .invalid domain, which frees the real
// address for a new, separate identity while keeping the unique index satisfied.
function purgedEmailFor(userId: string): string {
  return `purged-${userId.toLowerCase()}@purged.invalid`;
}

export function purgeDueAt(deactivatedAt: Date, retentionDays: number): Date {
  return new Date(deactivatedAt.getTime() + retentionDays * DAY_MS);
}

// Erases the personal fields and keeps the id, status history and audit trail under the pseudonym.
// NOTE: audit events written before the purge keep the name in actorName and any email in their
// before and after values, because the log is append-only. The log views replace the actor name with
// the pseudonym (withPseudonyms), but before and after values are shown as stored.
async function erase(tx: Db, ctx: ServiceContext, user: UserRow, now: Date, early: boolean) {
  const pseudonym = pseudonymFor(user.id);
  await tx
    .update(t.users)
    .set({
      name: pseudonym,
      email: purgedEmailFor(user.id),
      title: null,
      managerId: null,
      externalId: null,
      employeeId: null,
      location: null,
      startDate: null,
      endDate: null,
      passwordHash: null,
      lastActiveAt: null,
      status: "purged",
      purgedAt: now,
      version: user.version + 1,
      updatedAt: now,
    })
    .where(eq(t.users.id, user.id));
  await tx.delete(t.authAccounts).where(eq(t.authAccounts.userId, user.id));
  await tx.update(t.authSessions).set({ ip: null, userAgent: null }).where(eq(t.authSessions.userId, user.id));
  await recordAudit(tx, ctx, {
    action: "user.purge",
    target: { type: "user", id: user.id },
    before: { status: "deactivated", deactivatedAt: user.deactivatedAt },
    after: { status: "purged", pseudonym, early },
  });
}

export const purgeUserInput = z.object({ id: z.string().min(1) });

/**
 * Purges one deactivated user. Before the retention period has passed only an Owner may purge, which
 * the audit event marks as early.
 */
export async function purgeUser(ctx: ServiceContext, input: z.infer<typeof purgeUserInput>) {
  const now = nowOf(ctx);
  return transaction(async (tx) => {
    const user = await loadUserRowFor(tx, ctx, input.id, "user.purge");
    if (user.status !== "deactivated" || !user.deactivatedAt) throw new ConflictError("Only deactivated users can be purged. Offboard them first.");

    const dueAt = purgeDueAt(user.deactivatedAt, await getRetentionDays(tx));
    const early = dueAt > now;
    if (early && !isOwner(ctx.actor)) {
      throw new ForbiddenError(`This user's data is kept until ${dueAt.toISOString().slice(0, 10)}. Only an Owner can purge earlier.`, "user.purge");
    }
    await erase(tx, ctx, user, now, early);
    return { id: user.id, pseudonym: pseudonymFor(user.id) };
  });
}

/** Purges every deactivated user past the retention period, in batches; the purge job calls it. */
export async function purgeDueUsers(ctx: ServiceContext, batchSize = 100): Promise<number> {
  const now = nowOf(ctx);
  const cutoff = new Date(now.getTime() - (await getRetentionDays()) * DAY_MS);
  let total = 0;

  for (;;) {
    const purged = await transaction(async (tx) => {
      const due = await tx
        .select()
        .from(t.users)
        .where(and(eq(t.users.status, "deactivated"), isNotNull(t.users.deactivatedAt), lte(t.users.deactivatedAt, cutoff)))
        .orderBy(asc(t.users.deactivatedAt), asc(t.users.id))
        .limit(batchSize);
      for (const user of due) await erase(tx, ctx, user, now, false);
      return due.length;
    });
    total += purged;
    if (purged < batchSize) return total;
  }
}
