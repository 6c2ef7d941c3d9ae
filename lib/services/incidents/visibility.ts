import { eq, inArray, or, type SQL } from "drizzle-orm";
import { t } from "@/db";
import { can, teamsFor } from "@/lib/permissions/check";
import type { Actor } from "@/lib/services/context";

/**
 * The WHERE clause that limits incidents to those the actor may see: every incident of the teams where
 * they hold incident.view, plus, with incident.view_assigned, the ones assigned to them. Returns null
 * when they may see none.
 */
export function visibleIncidents(actor: Actor): SQL | null {
  const parts: SQL[] = [];
  const teams = teamsFor(actor, "incident.view");
  if (teams === "all") return eq(t.incidents.id, t.incidents.id);
  if (teams.length) parts.push(inArray(t.incidents.teamId, teams));
  if (actor.id && can(actor, "incident.view_assigned")) parts.push(eq(t.incidents.assigneeId, actor.id));
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0] : (or(...parts) as SQL);
}

export function canViewIncident(actor: Actor, incident: { teamId: string; assigneeId: string | null }): boolean {
  if (can(actor, "incident.view", incident.teamId)) return true;
  return !!actor.id && incident.assigneeId === actor.id && can(actor, "incident.view_assigned");
}

export function canUpdateIncident(actor: Actor, incident: { teamId: string; assigneeId: string | null }): boolean {
  if (can(actor, "incident.update", incident.teamId)) return true;
  return !!actor.id && incident.assigneeId === actor.id && can(actor, "incident.update_assigned");
}

/**
 * Whether the actor may pick the assignee or commander. That needs incident.update on the incident's
 * team: incident.update_assigned (vendors) lets someone work on their own incident but not hand it on,
 * and the picker would show them the team's staff.
 */
export function canAssignIncident(actor: Actor, incident: { teamId: string }): boolean {
  return can(actor, "incident.update", incident.teamId);
}

export function canSeeSensitive(actor: Actor, incident: { teamId: string }): boolean {
  return can(actor, "incident.view_sensitive", incident.teamId);
}

/** The permission that closing this incident needs: SEV1 and SEV2 are major incidents. */
export function closePermissionFor(severity: string) {
  return severity === "SEV1" || severity === "SEV2" ? ("incident.close_major" as const) : ("incident.close" as const);
}

export function canCloseIncident(actor: Actor, incident: { teamId: string; severity: string; status: string }): boolean {
  if (incident.status === "closed") return false;
  const needed = closePermissionFor(incident.severity);
  return can(actor, needed, incident.teamId) || can(actor, "incident.close_major", incident.teamId);
}

