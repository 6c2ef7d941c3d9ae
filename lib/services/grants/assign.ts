import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { t, type Db } from "@/db";
import type { EmploymentType, GrantSource } from "@/db/types";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { isPermission, type Permission } from "@/lib/permissions/catalog";
import { can } from "@/lib/permissions/check";
import { OWNER_ROLE_KEY } from "@/lib/permissions/roles";
import { recordAuditMany } from "@/lib/services/audit/bulk";
import { bulkInsert } from "@/lib/services/users/bulk-insert";
import { nowOf, type Actor, type ServiceContext } from "@/lib/services/context";

// Vendor and contractor grants end at most this many days ahead, unless an Owner grants them.
export const CONTRACT_GRANT_MAX_DAYS = 90;
const DAY_MS = 86_400_000;

export interface RoleInfo {
  id: string;
  key: string;
  name: string;
  permissions: Permission[];
}

export interface GrantRequest {
  role: RoleInfo;
  // null grants the role for the whole organization.
  teamId: string | null;
  expiresAt: Date | null;
  target: { id: string | null; employmentType: EmploymentType };
}

export type GrantRejection = { kind: "forbidden" | "invalid"; message: string };

export function isOwner(actor: Actor): boolean {
  return actor.roleKeys.has(OWNER_ROLE_KEY);
}

export function needsEndDate(employmentType: EmploymentType): boolean {
  return employmentType === "contractor" || employmentType === "vendor";
}

// The built-in Vendor role is time-limited access, so its grants need an end date even when the holder
// is recorded as an employee.
const VENDOR_ROLE_KEY = "vendor";

/** Whether a grant of the role to a person of this employment type must have an end date. */
export function endDateRequired(roleKey: string, employmentType: EmploymentType): boolean {
  return needsEndDate(employmentType) || roleKey === VENDOR_ROLE_KEY;
}

/** Returns the latest access end an actor may set for a contractor or vendor without an Owner's extension. */
export function contractGrantLimit(now: Date): Date {
  return new Date(now.getTime() + CONTRACT_GRANT_MAX_DAYS * DAY_MS);
}

/** Loads roles with their permissions, by key or id. */
export async function loadRoles(executor: Db, keysOrIds: readonly string[]): Promise<RoleInfo[]> {
  if (keysOrIds.length === 0) return [];
  const rows = await executor
    .select({ id: t.roles.id, key: t.roles.key, name: t.roles.name, permission: t.rolePermissions.permission })
    .from(t.roles)
    .leftJoin(t.rolePermissions, eq(t.rolePermissions.roleId, t.roles.id))
    .where(or(inArray(t.roles.key, [...keysOrIds]), inArray(t.roles.id, [...keysOrIds])));
  return groupRoles(rows);
}

export async function loadAllRoles(executor: Db): Promise<RoleInfo[]> {
  const rows = await executor
    .select({ id: t.roles.id, key: t.roles.key, name: t.roles.name, permission: t.rolePermissions.permission })
    .from(t.roles)
    .leftJoin(t.rolePermissions, eq(t.rolePermissions.roleId, t.roles.id));
  return groupRoles(rows).sort((a, b) => a.name.localeCompare(b.name));
}

function groupRoles(rows: { id: string; key: string; name: string; permission: string | null }[]): RoleInfo[] {
  const byId = new Map<string, RoleInfo>();
  for (const row of rows) {
    const role = byId.get(row.id) ?? { id: row.id, key: row.key, name: row.name, permissions: [] };
    if (row.permission && isPermission(row.permission)) role.permissions.push(row.permission);
    byId.set(row.id, role);
  }
  return [...byId.values()];
}

/**
 * Decides whether the actor may grant a role: the single rule that onboarding, roster import, access
 * reviews and SCIM share. Returns null when allowed, otherwise why not:
 * - the actor needs grant.assign (for the team, when the grant is team-scoped);
 * - nobody grants a role to themselves, so nobody raises their own privileges;
 * - only Owners grant Owner;
 * - the actor must hold every permission of the role, in the grant's scope;
 * - a contractor's or vendor's grant, and any grant of the Vendor role, has an end date at most 90 days
 *   ahead, unless an Owner grants it (an Owner may set a later end date, but not none).
 * System actors (jobs) pass the permission checks but not the end-date rule.
 */
export function grantRejection(actor: Actor, request: GrantRequest, now: Date): GrantRejection | null {
  const { role, teamId, expiresAt, target } = request;

  if (actor.type !== "system") {
    if (!can(actor, "grant.assign", teamId)) {
      return { kind: "forbidden", message: "You do not have the grant.assign permission for this scope." };
    }
    if (target.id && target.id === actor.id) {
      return { kind: "forbidden", message: "You cannot grant roles to yourself. Ask another administrator." };
    }
    if (role.key === OWNER_ROLE_KEY && !isOwner(actor)) {
      return { kind: "forbidden", message: "Only an Owner can grant the Owner role." };
    }
    const missing = role.permissions.filter((p) => !can(actor, p, teamId));
    if (missing.length) {
      return { kind: "forbidden", message: `You cannot grant ${role.name}: you do not hold ${missing.join(", ")} yourself.` };
    }
  }

  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    return { kind: "invalid", message: `The end date of ${role.name} must be in the future.` };
  }
  if (needsEndDate(target.employmentType)) {
    if (!expiresAt) return { kind: "invalid", message: `A ${target.employmentType}'s ${role.name} grant needs an end date.` };
    if (expiresAt > contractGrantLimit(endOfDay(now)) && !isOwner(actor)) {
      return {
        kind: "invalid",
        message: `A ${target.employmentType}'s access may end at most ${CONTRACT_GRANT_MAX_DAYS} days ahead; only an Owner can set a later end date.`,
      };
    }
  } else if (role.key === VENDOR_ROLE_KEY) {
    if (!expiresAt) return { kind: "invalid", message: `A ${role.name} grant needs an end date.` };
    if (expiresAt > contractGrantLimit(endOfDay(now)) && !isOwner(actor)) {
      return {
        kind: "invalid",
        message: `A ${role.name} grant may end at most ${CONTRACT_GRANT_MAX_DAYS} days ahead; only an Owner can set a later end date.`,
      };
    }
  }
  return null;
}

/** Throws the rejection of grantRejection as a ForbiddenError or a ValidationError on `field`. */
export function assertCanAssignRole(actor: Actor, request: GrantRequest, now: Date, field = "roles"): void {
  const rejection = grantRejection(actor, request, now);
  if (!rejection) return;
  if (rejection.kind === "forbidden") throw new ForbiddenError(rejection.message, "grant.assign");
  throw new ValidationError(rejection.message, { [field]: [rejection.message] });
}

/**
 * Roles the actor may grant in the given scope (a form's choices). Only permission rules filter here:
 * a missing end date is the form's to fill in, so a role that needs one is still offered.
 */
export function assignableRoles(actor: Actor, roles: readonly RoleInfo[], teamId: string | null): RoleInfo[] {
  return roles.filter((role) => {
    const rejection = grantRejection(actor, { role, teamId, expiresAt: null, target: { id: null, employmentType: "employee" } }, new Date());
    return rejection?.kind !== "forbidden";
  });
}

export interface NewGrant {
  id?: string;
  userId: string;
  role: RoleInfo;
  teamId: string | null;
  expiresAt: Date | null;
  source: GrantSource;
  reason: string | null;
}

/**
 * Inserts grants that the caller already checked with grantRejection, with one grant.create event each,
 * inside the caller's transaction.
 */
export async function insertGrants(tx: Db, ctx: ServiceContext, grants: readonly NewGrant[]): Promise<string[]> {
  const now = nowOf(ctx);
  const rows = grants.map((g) => ({
    id: g.id ?? crypto.randomUUID(),
    userId: g.userId,
    roleId: g.role.id,
    teamId: g.teamId,
    expiresAt: g.expiresAt,
    grantedBy: ctx.actor.id,
    grantedAt: now,
    reason: g.reason,
    source: g.source,
  }));
  await bulkInsert(tx, t.grants, rows);
  await recordAuditMany(
    tx,
    ctx,
    rows.map((row, i) => ({
      action: "grant.create" as const,
      target: { type: "grant", id: row.id },
      after: { userId: row.userId, role: grants[i].role.key, teamId: row.teamId, expiresAt: row.expiresAt, source: row.source, reason: row.reason },
    })),
  );
  return rows.map((r) => r.id);
}

/** Returns the instant a date-only end date ends: the last millisecond of that day in UTC. */
export function endOfDay(value: Date | string): Date {
  const day = typeof value === "string" ? value : value.toISOString().slice(0, 10);
  return new Date(`${day}T23:59:59.999Z`);
}

export async function activeGrantsOf(executor: Db, userId: string) {
  return executor
    .select({ id: t.grants.id, roleId: t.grants.roleId, roleKey: t.roles.key, teamId: t.grants.teamId, expiresAt: t.grants.expiresAt })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .where(and(eq(t.grants.userId, userId), isNull(t.grants.endedAt)));
}
