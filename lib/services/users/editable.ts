import { and, asc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, t } from "@/db";
import { NotFoundError } from "@/lib/errors";
import { authorize, can } from "@/lib/permissions/check";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { pendingOffboardingOf } from "@/lib/services/offboarding/schedule";
import { getRetentionDays } from "./retention";
import { purgeDueAt } from "./purge";
import { isValidText } from "@/lib/validation/text";

/**
 * Everything the edit page needs about one user: the editable profile with its version, the teams to
 * move them to, their pending invitation and scheduled offboarding, and when a deactivated user will be
 * purged. Needs user.update for the user's team, or user.deactivate for a deactivated user.
 */
export async function loadEditableUser(ctx: ServiceContext, id: string) {
  if (!isValidText(id)) throw new NotFoundError("User");
  const manager = alias(t.users, "manager");
  const [row] = await db
    .select({
      id: t.users.id,
      email: t.users.email,
      name: t.users.name,
      title: t.users.title,
      teamId: t.users.teamId,
      managerEmail: manager.email,
      employmentType: t.users.employmentType,
      startDate: t.users.startDate,
      endDate: t.users.endDate,
      location: t.users.location,
      status: t.users.status,
      version: t.users.version,
      deactivatedAt: t.users.deactivatedAt,
    })
    .from(t.users)
    .leftJoin(manager, eq(manager.id, t.users.managerId))
    .where(eq(t.users.id, id))
    .limit(1);
  if (!row) throw new NotFoundError("User");
  authorize(ctx.actor, row.status === "deactivated" ? "user.deactivate" : "user.update", row.teamId);

  const teams = await db.select({ id: t.teams.id, name: t.teams.name }).from(t.teams).orderBy(asc(t.teams.name), asc(t.teams.id));
  const [invitation] = await db
    .select({ expiresAt: t.invitations.expiresAt })
    .from(t.invitations)
    .where(and(eq(t.invitations.userId, id), isNull(t.invitations.usedAt), isNull(t.invitations.revokedAt)))
    .limit(1);
  const purgeAt = row.deactivatedAt ? purgeDueAt(row.deactivatedAt, await getRetentionDays()) : null;

  return {
    user: row,
    teams,
    pendingInvitationExpiresAt: invitation?.expiresAt ?? null,
    scheduledOffboarding: await pendingOffboardingOf(id),
    purgeAt,
    purgeNowAllowed: purgeAt !== null && purgeAt <= nowOf(ctx),
    may: {
      update: can(ctx.actor, "user.update", row.teamId),
      deactivate: can(ctx.actor, "user.deactivate", row.teamId),
      purge: can(ctx.actor, "user.purge", row.teamId),
      invite: can(ctx.actor, "user.invite", row.teamId),
    },
  };
}
