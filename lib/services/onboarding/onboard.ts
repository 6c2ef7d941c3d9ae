import { eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import { t, transaction, type Db } from "@/db";
import { LEAST_PRIVILEGED_ROLE_KEY } from "@/lib/permissions/roles";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { authorize } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { recordAuditMany } from "@/lib/services/audit/bulk";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { assertCanAssignRole, endOfDay, insertGrants, loadRoles, type NewGrant } from "@/lib/services/grants/assign";
import { endDateProblem } from "@/lib/services/users/contract";
import { normalizeEmail } from "@/lib/services/users/email";
import { employmentType, optionalId, optionalIsoDate, optionalText, personName } from "@/lib/services/users/fields";
import { findUserByEmail, resolveManager } from "@/lib/services/users/lookup";
import { isUniqueViolation } from "@/lib/services/users/unique";
import { createInvitation } from "./invitations";
import { loadTemplates } from "./templates";

export const onboardUserInput = z.object({
  name: personName,
  email: z.string().max(320),
  title: optionalText(200),
  teamId: optionalId,
  managerEmail: z.string().trim().max(320).transform((v) => v || null).nullable().optional(),
  employmentType,
  startDate: optionalIsoDate,
  endDate: optionalIsoDate,
  location: optionalText(200),
  // Omitted: the team's template decides, or else the least privileged role.
  roles: z.array(z.object({ roleId: z.string().min(1), teamScoped: z.boolean().default(false) })).max(20).optional(),
  scheduleIds: z.array(z.string().min(1)).max(20).optional(),
});
export type OnboardUserInput = z.input<typeof onboardUserInput>;

/** The role a new person gets when nobody picked any: Vendor for vendors, otherwise Responder. */
export function leastPrivilegedRoleFor(type: "employee" | "contractor" | "vendor"): string {
  return type === "vendor" ? "vendor" : LEAST_PRIVILEGED_ROLE_KEY;
}

/**
 * Onboards one person: the user starts as invited, receives the chosen (or templated) roles and
 * schedules, and gets a single-use invitation link that is returned once. Every check runs before
 * anything is written, and the user, grants, schedule memberships, invitation and audit events share
 * one transaction.
 */
export async function onboardUser(ctx: ServiceContext, raw: OnboardUserInput) {
  const input = onboardUserInput.parse(raw);
  authorize(ctx.actor, "user.invite", input.teamId);
  const now = nowOf(ctx);

  const errors: FieldErrors = {};
  const email = normalizeEmail(input.email);
  if (!email) errors.email = ["Enter a valid email address."];
  const endProblem = endDateProblem(ctx.actor, input.employmentType, input.endDate ?? null, input.startDate ?? null, now);
  if (endProblem) errors.endDate = [endProblem];
  if (Object.keys(errors).length) throw new ValidationError("Some fields are invalid. Fix them and try again.", errors);

  try {
    return await transaction(async (tx) => {
      await assertEmailFree(tx, email!);
      if (input.teamId) await assertTeamExists(tx, input.teamId);
      const managerId = await resolveManager(tx, input.managerEmail, null);

      const template = input.teamId ? (await loadTemplates(tx, [input.teamId]))[0] : undefined;
      const roleSpecs = input.roles ?? template?.roles.map((r) => ({ roleId: r.roleId, teamScoped: r.teamScoped })) ?? [{ roleId: leastPrivilegedRoleFor(input.employmentType), teamScoped: false }];
      const scheduleIds = [...new Set(input.scheduleIds ?? template?.schedules.map((s) => s.scheduleId) ?? [])];

      const userId = crypto.randomUUID();
      const expiresAt = input.endDate ? endOfDay(input.endDate) : null;
      const grants = await planGrants(tx, ctx, userId, input.employmentType, input.teamId ?? null, expiresAt, roleSpecs, now);
      const schedules = await checkSchedules(tx, ctx, scheduleIds);

      const profile = {
        email: email!,
        name: input.name,
        title: input.title ?? null,
        teamId: input.teamId ?? null,
        managerId,
        employmentType: input.employmentType,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        location: input.location ?? null,
      };
      await tx.insert(t.users).values({ id: userId, ...profile, status: "invited", source: "manual", createdAt: now, updatedAt: now });
      await recordAudit(tx, ctx, { action: "user.create", target: { type: "user", id: userId }, after: { ...profile, status: "invited", source: "manual" } });

      await insertGrants(tx, ctx, grants);
      await joinSchedules(tx, ctx, userId, schedules);
      const invitation = await createInvitation(tx, ctx, userId);
      return { userId, invitationPath: invitation.path, invitationExpiresAt: invitation.expiresAt };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("A user with this email already exists.", { email: ["A user with this email already exists."] });
    throw error;
  }
}

async function assertEmailFree(tx: Db, email: string) {
  const existing = await findUserByEmail(tx, email);
  if (!existing) return;
  const message =
    existing.status === "deactivated"
      ? "This email belongs to a deactivated user. Reactivate them from their profile instead, or wait until they are purged."
      : "A user with this email already exists.";
  throw new ConflictError(message, { email: [message] });
}

async function assertTeamExists(tx: Db, teamId: string) {
  const [team] = await tx.select({ id: t.teams.id }).from(t.teams).where(eq(t.teams.id, teamId)).limit(1);
  if (!team) throw new ValidationError("Pick an existing team.", { teamId: ["This team does not exist."] });
}

async function planGrants(
  tx: Db,
  ctx: ServiceContext,
  userId: string,
  type: "employee" | "contractor" | "vendor",
  teamId: string | null,
  expiresAt: Date | null,
  specs: { roleId: string; teamScoped: boolean }[],
  now: Date,
): Promise<NewGrant[]> {
  const roles = await loadRoles(tx, [...new Set(specs.map((s) => s.roleId))]);
  // A role can be named by key or by id ("responder" and "role_responder"), so duplicates are found
  // after resolving each spec to its role and scope, not by the strings sent.
  const planned = new Map<string, NewGrant>();
  for (const spec of specs) {
    const role = roles.find((r) => r.id === spec.roleId || r.key === spec.roleId);
    if (!role) throw new ValidationError("Pick existing roles.", { roles: [`The role ${spec.roleId} does not exist.`] });
    if (spec.teamScoped && !teamId) throw new ValidationError("Pick a team for team-scoped roles.", { roles: [`${role.name} is limited to the team, so pick a team.`] });
    const scope = spec.teamScoped ? teamId : null;
    const key = `${role.id}:${scope ?? ""}`;
    if (planned.has(key)) continue;
    assertCanAssignRole(ctx.actor, { role, teamId: scope, expiresAt, target: { id: userId, employmentType: type } }, now);
    planned.set(key, { userId, role, teamId: scope, expiresAt, source: "manual" as const, reason: "onboarding" });
  }
  return [...planned.values()];
}

async function checkSchedules(tx: Db, ctx: ServiceContext, scheduleIds: string[]) {
  if (!scheduleIds.length) return [];
  const schedules = await tx.select({ id: t.oncallSchedules.id, teamId: t.oncallSchedules.teamId, name: t.oncallSchedules.name }).from(t.oncallSchedules).where(inArray(t.oncallSchedules.id, scheduleIds));
  if (schedules.length !== scheduleIds.length) throw new NotFoundError("On-call schedule");
  for (const schedule of schedules) authorize(ctx.actor, "schedule.manage", schedule.teamId);
  return schedules;
}

// A new member joins at the end of each rotation, so nobody else's position changes.
async function joinSchedules(tx: Db, ctx: ServiceContext, userId: string, schedules: { id: string; name: string }[]) {
  const events = [];
  for (const schedule of schedules) {
    const [last] = await tx.select({ position: max(t.scheduleMembers.position) }).from(t.scheduleMembers).where(eq(t.scheduleMembers.scheduleId, schedule.id));
    const position = Number(last?.position ?? -1) + 1;
    await tx.insert(t.scheduleMembers).values({ scheduleId: schedule.id, userId, position });
    events.push({ action: "schedule.update" as const, target: { type: "schedule", id: schedule.id }, after: { memberAdded: userId, position } });
  }
  await recordAuditMany(tx, ctx, events);
}
