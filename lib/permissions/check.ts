import { ForbiddenError } from "@/lib/errors";
import type { Actor } from "@/lib/services/context";
import type { Permission } from "./catalog";

/** Whether the actor holds the permission globally, or for the given team. */
export function can(actor: Actor, permission: Permission, teamId?: string | null): boolean {
  if (actor.type === "system") return true;
  if (actor.global.has(permission)) return true;
  if (!teamId) return false;
  return actor.scoped.get(permission)?.has(teamId) ?? false;
}

/** Whether the actor holds the permission anywhere: globally or for at least one team. */
export function canAnywhere(actor: Actor, permission: Permission): boolean {
  if (actor.type === "system" || actor.global.has(permission)) return true;
  return (actor.scoped.get(permission)?.size ?? 0) > 0;
}

/** Team ids the actor may act on for a permission; `"all"` when held globally. */
export function teamsFor(actor: Actor, permission: Permission): "all" | string[] {
  if (actor.type === "system" || actor.global.has(permission)) return "all";
  return [...(actor.scoped.get(permission) ?? [])];
}

export function authorize(actor: Actor, permission: Permission, teamId?: string | null): void {
  if (!can(actor, permission, teamId)) {
    throw new ForbiddenError(`You do not have the ${permission} permission for this action.`, permission);
  }
}

export function permissionList(actor: Actor): Permission[] {
  const all = new Set<Permission>(actor.global);
  for (const [p, teams] of actor.scoped) if (teams.size) all.add(p);
  return [...all].sort();
}
