import { and, asc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { db, t } from "@/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { nowOf } from "@/lib/services/context";
import { isValidText } from "@/lib/validation/text";
import { canAssignIncident, canViewIncident } from "./visibility";

// Caps the people offered from the team and the commanders. The current assignee and commander and the
// actor are read separately and always added, so a team larger than the cap never loses them.
const MAX_CANDIDATES = 500;

export interface AssignableUser {
  id: string;
  name: string;
  // False for a current assignee or commander who has since been deactivated. They stay in the list so
  // that saving other fields does not clear them, but updateIncident rejects picking them anew.
  active: boolean;
}

/**
 * Lists the people offered as assignee or commander of an incident: active members of the incident's
 * team, active holders of incident.close_major (commanders usually sit in another team), the current
 * assignee and commander, and the actor. Needs incident.update on the incident's team, because the list
 * shows staff names; updateIncident checks the picked person again.
 */
export async function listAssignableUsers(ctx: ServiceContext, incidentId: string): Promise<AssignableUser[]> {
  if (!isValidText(incidentId)) throw new NotFoundError("Incident");
  const [incident] = await db
    .select({ teamId: t.incidents.teamId, assigneeId: t.incidents.assigneeId, commanderId: t.incidents.commanderId })
    .from(t.incidents)
    .where(eq(t.incidents.id, incidentId))
    .limit(1);
  if (!incident || !canViewIncident(ctx.actor, incident)) throw new NotFoundError("Incident");
  if (!canAssignIncident(ctx.actor, incident)) throw new ForbiddenError("You may not change the assignee or commander of this incident.", "incident.update");

  const now = nowOf(ctx);
  const commanders = db
    .select({ userId: t.grants.userId })
    .from(t.grants)
    .innerJoin(t.rolePermissions, eq(t.rolePermissions.roleId, t.grants.roleId))
    .where(and(eq(t.rolePermissions.permission, "incident.close_major"), isNull(t.grants.endedAt), or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now))));
  const current = [incident.assigneeId, incident.commanderId].filter((id): id is string => Boolean(id));
  const named = [...current, ...(ctx.actor.id ? [ctx.actor.id] : [])];

  const [candidates, namedRows] = await Promise.all([
    db
      .select({ id: t.users.id, name: t.users.name })
      .from(t.users)
      .where(and(eq(t.users.status, "active"), or(eq(t.users.teamId, incident.teamId), inArray(t.users.id, commanders))))
      .orderBy(asc(t.users.name), asc(t.users.id))
      .limit(MAX_CANDIDATES),
    named.length ? db.select({ id: t.users.id, name: t.users.name, status: t.users.status }).from(t.users).where(inArray(t.users.id, named)) : [],
  ]);

  const people = new Map<string, AssignableUser>(candidates.map((row) => [row.id, { ...row, active: true }]));
  for (const row of namedRows) {
    const active = row.status === "active";
    // An inactive actor is not offered; an inactive current assignee or commander is kept as they are.
    if (!active && !current.includes(row.id)) continue;
    people.set(row.id, { id: row.id, name: row.name, active });
  }
  return [...people.values()].sort(byNameThenId);
}

function byNameThenId(a: AssignableUser, b: AssignableUser): number {
  const byName = a.name.localeCompare(b.name);
  if (byName !== 0) return byName;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}
