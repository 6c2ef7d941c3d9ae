import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { t, transaction } from "@/db";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";

/**
 * Ends every grant whose expiry has passed and writes a grant.expire event for each. Idempotent: an
 * ended grant is never picked again, so a second run in a row ends nothing.
 */
export async function expireGrants(ctx: ServiceContext, batchSize = 500): Promise<number> {
  const now = nowOf(ctx);
  let total = 0;

  for (;;) {
    const ended = await transaction(async (tx) => {
      const due = await tx
        .select({ id: t.grants.id, userId: t.grants.userId, roleId: t.grants.roleId, teamId: t.grants.teamId, expiresAt: t.grants.expiresAt })
        .from(t.grants)
        .where(and(isNull(t.grants.endedAt), isNotNull(t.grants.expiresAt), lte(t.grants.expiresAt, now)))
        .limit(batchSize);

      for (const grant of due) {
        const result = await tx
          .update(t.grants)
          .set({ endedAt: now, endedBy: null, endReason: "expired" })
          .where(and(eq(t.grants.id, grant.id), isNull(t.grants.endedAt)))
          .returning({ id: t.grants.id });
        if (!result.length) continue;
        await recordAudit(tx, ctx, {
          action: "grant.expire",
          target: { type: "grant", id: grant.id },
          before: { userId: grant.userId, roleId: grant.roleId, teamId: grant.teamId, expiresAt: grant.expiresAt },
          after: { endedAt: now, endReason: "expired" },
        });
      }
      return due.length;
    });

    total += ended;
    if (ended < batchSize) return total;
  }
}
