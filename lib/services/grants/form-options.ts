import { asc } from "drizzle-orm";
import { db, t } from "@/db";
import type { EmploymentType } from "@/db/types";
import { ForbiddenError } from "@/lib/errors";
import { can, canAnywhere, teamsFor } from "@/lib/permissions/check";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { addDays, isoDay } from "@/lib/services/users/dates";
import { assignableRoles, CONTRACT_GRANT_MAX_DAYS, endDateRequired, isOwner, loadAllRoles } from "./assign";

export interface GrantScopeOption {
  // A team id, or "" for the whole organization.
  value: string;
  label: string;
  roleIds: string[];
}

/**
 * Returns what the "Grant role" form offers the actor for one target user: each scope the actor may
 * grant in, with the roles the assign.ts rule lets them grant there, and the end-date limits.
 */
export async function grantFormOptions(ctx: ServiceContext, target: { id: string; employmentType: EmploymentType }) {
  if (!canAnywhere(ctx.actor, "grant.assign")) {
    throw new ForbiddenError("You do not have the grant.assign permission for this action.", "grant.assign");
  }

  const roles = await loadAllRoles(db);
  const allTeams = await db.select({ id: t.teams.id, name: t.teams.name }).from(t.teams).orderBy(asc(t.teams.name), asc(t.teams.id));
  const grantTeams = teamsFor(ctx.actor, "grant.assign");
  const teams = grantTeams === "all" ? allTeams : allTeams.filter((team) => grantTeams.includes(team.id));

  const scopes: GrantScopeOption[] = [];
  if (can(ctx.actor, "grant.assign", null)) {
    scopes.push({ value: "", label: "All teams", roleIds: assignableRoles(ctx.actor, roles, null).map((r) => r.id) });
  }
  for (const team of teams) {
    scopes.push({ value: team.id, label: team.name, roleIds: assignableRoles(ctx.actor, roles, team.id).map((r) => r.id) });
  }

  const today = isoDay(nowOf(ctx));
  return {
    // Self-grants are always rejected, so the form explains this instead of offering choices.
    selfGrant: ctx.actor.id === target.id,
    roles: roles.map((r) => ({ id: r.id, name: r.name, needsEndDate: endDateRequired(r.key, target.employmentType) })),
    scopes: scopes.filter((scope) => scope.roleIds.length > 0),
    isOwner: isOwner(ctx.actor),
    today,
    contractEndMax: addDays(today, CONTRACT_GRANT_MAX_DAYS),
  };
}
