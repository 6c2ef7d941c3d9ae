import { and, asc, eq, inArray, isNull, or, gt } from "drizzle-orm";
import { db, t } from "@/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { nowOf } from "@/lib/services/context";
import { canUpdateIncident } from "./visibility";

// Caps the picker. A team larger than this still finds its current assignee and commander, which are
// always included, but other members past the cap are not offered.
const MAX_CANDIDATES = 500;

/**
 * Lists the active people offered as assignee or commander of an incident: members of the incident's
 * team, holders of incident.close_major (commanders usually sit in another team), the current assignee
 * and commander, and the actor. updateIncident checks the picked person again.
 */
export async function listAssignableUsers(ctx: ServiceContext, incidentId: string): Promise<{ id: string; name: string }[]> {
  const [incident] = await db
    .select({ teamId: t.incidents.teamId, assigneeId: t.incidents.assigneeId, commanderId: t.incidents.commanderId })
    .from(t.incidents)
    .where(eq(t.incidents.id, incidentId))
    .limit(1);
  if (!incident) throw new NotFoundError("Incident");
  if (!canUpdateIncident(ctx.actor, incident)) throw new ForbiddenError("You may not update this incident.", "incident.update");

  const now = nowOf(ctx);
  const commanders = db
    .select({ userId: t.grants.userId })
    .from(t.grants)
    .innerJoin(t.rolePermissions, eq(t.rolePermissions.roleId, t.grants.roleId))
    .where(and(eq(t.rolePermissions.permission, "incident.close_major"), isNull(t.grants.endedAt), or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now))));
  const named = [incident.assigneeId, incident.commanderId, ctx.actor.id].filter((id): id is string => Boolean(id));

  return db
    .select({ id: t.users.id, name: t.users.name })
    .from(t.users)
    .where(and(eq(t.users.status, "active"), or(eq(t.users.teamId, incident.teamId), inArray(t.users.id, commanders), named.length ? inArray(t.users.id, named) : undefined)))
    .orderBy(asc(t.users.name), asc(t.users.id))
    .limit(MAX_CANDIDATES);
}
