import { and, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { database, t, transaction, type Db } from "@/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { canAnywhere } from "@/lib/permissions/check";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { isIsoDate } from "@/lib/services/users/dates";
import { assertCanAssignRole, endOfDay, insertGrants, loadRoles, type RoleInfo } from "./assign";
import { grantReason, parseGrantInput } from "./input";

// A date-only value (the form's date field) means access until the end of that day in UTC, as in
// onboarding. Services and jobs may pass an exact instant instead.
const grantExpiry = z
  .union([z.date(), z.string().trim()])
  .nullable()
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return null;
    const instant = value instanceof Date ? value : isIsoDate(value) ? endOfDay(value) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!instant || Number.isNaN(instant.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter the end date as YYYY-MM-DD." });
      return z.NEVER;
    }
    return instant;
  });

const optionalKey = z
  .string()
  .trim()
  .max(100)
  .transform((v) => v || null)
  .nullable()
  .optional();

export const grantRoleInput = z
  .object({
    userId: z.string().trim().min(1, "Pick a user.").max(100),
    roleId: optionalKey,
    roleKey: optionalKey,
    // Empty or missing grants the role for the whole organization.
    teamId: optionalKey,
    expiresAt: grantExpiry,
    reason: grantReason,
  })
  .refine((v) => Boolean(v.roleId || v.roleKey), { message: "Pick a role.", path: ["roleId"] });

export type GrantRoleInput = z.input<typeof grantRoleInput>;

/**
 * Grants a role to an existing active or invited user, for the whole organization or one team, with a
 * reason and an optional end date, and writes grant.create in the same transaction. The role rule of
 * assign.ts decides who may grant what. This service adds the target's status and the duplicate check.
 */
export async function grantRole(ctx: ServiceContext, raw: GrantRoleInput) {
  const input = parseGrantInput(grantRoleInput, raw);
  const now = nowOf(ctx);

  // Checked before any read, so that someone who may not grant learns nothing about users or roles.
  if (!canAnywhere(ctx.actor, "grant.assign")) {
    throw new ForbiddenError("You do not have the grant.assign permission for this action.", "grant.assign");
  }

  return transaction(async (tx) => {
    const user = await lockTargetUser(tx, input.userId);
    const role = await findRole(tx, input.roleId ?? null, input.roleKey ?? null);
    const teamId = input.teamId ?? null;
    const teamName = teamId ? await findTeamName(tx, teamId) : null;

    assertCanAssignRole(ctx.actor, { role, teamId, expiresAt: input.expiresAt, target: { id: user.id, employmentType: user.employmentType } }, now, "expiresAt");
    if (user.status !== "active" && user.status !== "invited") {
      throw new ConflictError(`${user.name} is ${user.status}, so they cannot be granted roles. Only active and invited users can.`);
    }

    const scope = teamName ? `for ${teamName}` : "for all teams";
    if (await holdsActiveGrant(tx, user.id, role.id, teamId, now)) {
      const message = `${user.name} already holds ${role.name} ${scope}. End that grant first, or pick another role or scope.`;
      throw new ConflictError(message, { roleId: [message] });
    }

    const [id] = await insertGrants(tx, ctx, [{ userId: user.id, role, teamId, expiresAt: input.expiresAt, source: "manual", reason: input.reason }]);
    return { id, userId: user.id, roleName: role.name, scope, expiresAt: input.expiresAt };
  });
}

/**
 * Loads the target user. On Postgres the row stays locked until commit, so two concurrent grants of the
 * same role to the same user run one after the other and the second one finds the first as a duplicate.
 * SQLite transactions are already serialized.
 */
async function lockTargetUser(tx: Db, userId: string) {
  const query = tx
    .select({ id: t.users.id, name: t.users.name, status: t.users.status, employmentType: t.users.employmentType })
    .from(t.users)
    .where(eq(t.users.id, userId));
  const [user] = database().dialect === "postgres" ? await query.for("update") : await query;
  if (!user) throw new NotFoundError("User");
  return user;
}

async function findRole(tx: Db, roleId: string | null, roleKey: string | null): Promise<RoleInfo> {
  const lookup = roleId ?? roleKey ?? "";
  const [role] = (await loadRoles(tx, [lookup])).filter((r) => (roleId ? r.id === roleId : r.key === roleKey));
  if (!role) throw new ValidationError("The role was not found. Pick a role from the list.", { roleId: [`No role has the ${roleId ? "id" : "key"} "${lookup}".`] });
  return role;
}

async function findTeamName(tx: Db, teamId: string): Promise<string> {
  const [team] = await tx.select({ name: t.teams.name }).from(t.teams).where(eq(t.teams.id, teamId));
  if (!team) throw new ValidationError("The team was not found. Pick a team from the list.", { teamId: [`No team has the id "${teamId}".`] });
  return team.name;
}

/** Whether the user holds the role in exactly this scope, not ended and not expired. */
async function holdsActiveGrant(tx: Db, userId: string, roleId: string, teamId: string | null, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: t.grants.id })
    .from(t.grants)
    .where(
      and(
        eq(t.grants.userId, userId),
        eq(t.grants.roleId, roleId),
        teamId ? eq(t.grants.teamId, teamId) : isNull(t.grants.teamId),
        isNull(t.grants.endedAt),
        or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now)),
      ),
    )
    .limit(1);
  return Boolean(row);
}
