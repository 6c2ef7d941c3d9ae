import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { database, t, transaction, type Db } from "@/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { authorize, canAnywhere } from "@/lib/permissions/check";
import { OWNER_ROLE_KEY } from "@/lib/permissions/roles";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { assertOwnerGrantNotLast } from "@/lib/services/users/owners";
import { isOwner } from "./assign";
import { grantReason, parseGrantInput } from "./input";

export const endGrantInput = z.object({
  grantId: z.string().trim().min(1, "Pick a grant.").max(100),
  reason: grantReason,
});

export type EndGrantInput = z.input<typeof endGrantInput>;

/**
 * Ends a grant now, with a reason, and writes grant.end in the same transaction. The user's next
 * request no longer carries the role's permissions. Only an Owner ends an Owner grant, and the last
 * active Owner grant cannot be ended, not even by its holder.
 */
export async function endGrant(ctx: ServiceContext, raw: EndGrantInput) {
  const input = parseGrantInput(endGrantInput, raw);
  const now = nowOf(ctx);

  if (!canAnywhere(ctx.actor, "grant.assign")) {
    throw new ForbiddenError("You do not have the grant.assign permission for this action.", "grant.assign");
  }

  return transaction(async (tx) => {
    const grant = await lockGrant(tx, input.grantId);
    authorize(ctx.actor, "grant.assign", grant.teamId);
    const ownerGrant = grant.roleKey === OWNER_ROLE_KEY;
    if (ownerGrant && ctx.actor.type !== "system" && !isOwner(ctx.actor)) {
      throw new ForbiddenError("Only an Owner can end an Owner grant.", "grant.assign");
    }
    if (grant.endedAt) throw alreadyEnded(grant.endedAt);

    if (ownerGrant) await assertOwnerGrantNotLast(tx, grant.id, now);

    const ended = await tx
      .update(t.grants)
      .set({ endedAt: now, endedBy: ctx.actor.id, endReason: input.reason })
      .where(and(eq(t.grants.id, grant.id), isNull(t.grants.endedAt)))
      .returning({ id: t.grants.id });
    if (!ended.length) throw alreadyEnded(null);

    await recordAudit(tx, ctx, {
      action: "grant.end",
      target: { type: "grant", id: grant.id },
      before: { userId: grant.userId, role: grant.roleKey, teamId: grant.teamId, expiresAt: grant.expiresAt, endedAt: null },
      after: { endedAt: now, endedBy: ctx.actor.id, endReason: input.reason },
    });
    return { id: grant.id, userId: grant.userId, roleName: grant.roleName, endedAt: now };
  });
}

/**
 * Loads the grant with its role. On Postgres the grant row stays locked until commit, so a second
 * transaction ending the same grant waits and then finds it ended. SQLite transactions are already
 * serialized.
 */
async function lockGrant(tx: Db, grantId: string) {
  const query = tx
    .select({
      id: t.grants.id,
      userId: t.grants.userId,
      teamId: t.grants.teamId,
      expiresAt: t.grants.expiresAt,
      endedAt: t.grants.endedAt,
      roleKey: t.roles.key,
      roleName: t.roles.name,
    })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .where(eq(t.grants.id, grantId));
  const [grant] = database().dialect === "postgres" ? await query.for("update", { of: t.grants }) : await query;
  if (!grant) throw new NotFoundError("Grant");
  return grant;
}

function alreadyEnded(endedAt: Date | null): ConflictError {
  const when = endedAt ? ` on ${endedAt.toISOString()}` : "";
  return new ConflictError(`This grant already ended${when}. Reload the page to see its current state.`);
}
