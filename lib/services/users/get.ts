import { and, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, t } from "@/db";
import { withPseudonyms } from "@/lib/services/audit/pseudonyms";
import { NotFoundError } from "@/lib/errors";
import { authorize, can } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";
import { isValidText } from "@/lib/validation/text";

/** A user's profile, grants and, for audit readers, their newest audit events. */
export async function getUser(ctx: ServiceContext, id: string) {
  authorize(ctx.actor, "user.view");
  if (!isValidText(id)) throw new NotFoundError("User");
  const manager = alias(t.users, "manager");

  // The three reads do not depend on each other, so they go out together, which saves two round trips
  // on Postgres. A missing user is reported once all three are back.
  const [[row], grants, events] = await Promise.all([
    db
      .select({
        user: {
          id: t.users.id,
          email: t.users.email,
          name: t.users.name,
          title: t.users.title,
          status: t.users.status,
          employmentType: t.users.employmentType,
          source: t.users.source,
          externalId: t.users.externalId,
          startDate: t.users.startDate,
          endDate: t.users.endDate,
          lastActiveAt: t.users.lastActiveAt,
          deactivatedAt: t.users.deactivatedAt,
          createdAt: t.users.createdAt,
          version: t.users.version,
          teamId: t.users.teamId,
          managerId: t.users.managerId,
        },
        teamName: t.teams.name,
        managerName: manager.name,
      })
      .from(t.users)
      .leftJoin(t.teams, eq(t.teams.id, t.users.teamId))
      .leftJoin(manager, eq(manager.id, t.users.managerId))
      .where(eq(t.users.id, id))
      .limit(1),
    db
      .select({
        id: t.grants.id,
        roleKey: t.roles.key,
        roleName: t.roles.name,
        teamId: t.grants.teamId,
        teamName: t.teams.name,
        expiresAt: t.grants.expiresAt,
        grantedAt: t.grants.grantedAt,
        source: t.grants.source,
        reason: t.grants.reason,
        endedAt: t.grants.endedAt,
      })
      .from(t.grants)
      .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
      .leftJoin(t.teams, eq(t.teams.id, t.grants.teamId))
      .where(eq(t.grants.userId, id))
      .orderBy(desc(t.grants.grantedAt)),
    can(ctx.actor, "audit.view") ? newestEventsOf(id, EVENT_LIMIT) : null,
  ]);
  if (!row) throw new NotFoundError("User");

  return { ...row, grants: grants.map((g) => ({ ...g, active: !g.endedAt && (!g.expiresAt || g.expiresAt > new Date()) })), events };
}

const EVENT_LIMIT = 50;

/**
 * Loads the newest events where the user is the target or the actor. One query with "target = id OR
 * actor = id" makes both databases collect and sort every matching row, tens of thousands for an active
 * administrator. Two index-ordered queries of `limit` rows each, merged here, read at most 2 × limit rows.
 */
async function newestEventsOf(userId: string, limit: number) {
  const newest = (where: SQL) =>
    db
      .select({
        id: t.auditEvents.id,
        occurredAt: t.auditEvents.occurredAt,
        action: t.auditEvents.action,
        actorId: t.auditEvents.actorId,
        actorName: t.auditEvents.actorName,
        actorType: t.auditEvents.actorType,
        targetType: t.auditEvents.targetType,
      })
      .from(t.auditEvents)
      .where(where)
      .orderBy(desc(t.auditEvents.id))
      .limit(limit);

  const [asTarget, asActor] = await Promise.all([
    newest(and(eq(t.auditEvents.targetType, "user"), eq(t.auditEvents.targetId, userId)) as SQL),
    newest(eq(t.auditEvents.actorId, userId)),
  ]);

  // An event where the user acted on themselves is in both lists.
  const byId = new Map([...asTarget, ...asActor].map((event) => [event.id, event]));
  return withPseudonyms([...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit));
}
