import { and, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { t, transaction, type Db } from "@/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions/check";
import { diff, recordAudit } from "@/lib/services/audit/emit";
import { recordAuditMany } from "@/lib/services/audit/bulk";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { endOfDay, needsEndDate } from "@/lib/services/grants/assign";
import { endDateProblem } from "./contract";
import { normalizeEmail } from "./email";
import { employmentType, optionalId, optionalIsoDate, optionalText, personName } from "./fields";
import { loadUserRow, loadUserRowFor, profileOf, STALE_MESSAGE } from "./load";
import { findUserByEmail, resolveManager } from "./lookup";
import { assertMayChangeAccount } from "./owners";
import { isUniqueViolation } from "./unique";

export const updateUserInput = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  name: personName.optional(),
  email: z.string().max(320).optional(),
  title: optionalText(200),
  teamId: optionalId,
  managerEmail: z.string().trim().max(320).transform((v) => v || null).nullable().optional(),
  employmentType: employmentType.optional(),
  startDate: optionalIsoDate,
  endDate: optionalIsoDate,
  location: optionalText(200),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

/**
 * Edits a user's profile, team and manager with optimistic concurrency: the caller sends the version
 * it loaded, and a save over someone else's newer change is rejected instead of overwriting it.
 * Moving a person to contractor or vendor, or shortening their end date, caps their grants' expiry.
 */
export async function updateUser(ctx: ServiceContext, raw: UpdateUserInput) {
  const input = updateUserInput.parse(raw);
  const now = nowOf(ctx);

  try {
    return await transaction(async (tx) => {
      const user = await loadUserRowFor(tx, ctx, input.id, "user.update");
      if (input.teamId !== undefined && input.teamId !== user.teamId) authorize(ctx.actor, "user.update", input.teamId);
      await assertMayChangeAccount(tx, ctx.actor, user.id, now);
      if (user.status === "purged") throw new ConflictError("This user was purged; their profile can no longer be changed.");
      if (user.version !== input.version) throw new ConflictError(STALE_MESSAGE);

      const changes = await resolveChanges(tx, ctx, user, input, now);
      const { before, after, changed } = diff(profileOf(user) as Record<string, unknown>, changes);
      if (!changed) return { id: user.id, version: user.version };

      const updated = await tx
        .update(t.users)
        .set({ ...changes, updatedAt: now, version: user.version + 1 })
        .where(and(eq(t.users.id, user.id), eq(t.users.version, input.version)))
        .returning({ version: t.users.version });
      if (!updated.length) throw new ConflictError(STALE_MESSAGE);
      await recordAudit(tx, ctx, { action: "user.update", target: { type: "user", id: user.id }, before, after });

      const type = changes.employmentType ?? user.employmentType;
      const endDate = changes.endDate !== undefined ? changes.endDate : user.endDate;
      if (needsEndDate(type) && endDate) await capGrants(tx, ctx, user.id, endOfDay(endDate));
      return { id: user.id, version: updated[0].version };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("A user with this email already exists.", { email: ["A user with this email already exists."] });
    throw error;
  }
}

type Changes = Partial<ReturnType<typeof profileOf>>;

async function resolveChanges(tx: Db, ctx: ServiceContext, user: Awaited<ReturnType<typeof loadUserRow>>, input: z.output<typeof updateUserInput>, now: Date) {
  const changes: Changes = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.title !== undefined) changes.title = input.title;
  if (input.location !== undefined) changes.location = input.location;
  if (input.startDate !== undefined) changes.startDate = input.startDate;
  if (input.employmentType !== undefined) changes.employmentType = input.employmentType;
  if (input.endDate !== undefined) changes.endDate = input.endDate;

  if (input.email !== undefined) {
    const email = normalizeEmail(input.email);
    if (!email) throw new ValidationError("Enter a valid email address.", { email: ["Enter a valid email address."] });
    if (email !== user.email) {
      const other = await findUserByEmail(tx, email);
      if (other && other.id !== user.id) throw new ConflictError("A user with this email already exists.", { email: ["A user with this email already exists."] });
      changes.email = email;
    }
  }

  if (input.teamId !== undefined && input.teamId !== user.teamId) {
    if (input.teamId) {
      const [team] = await tx.select({ id: t.teams.id }).from(t.teams).where(eq(t.teams.id, input.teamId)).limit(1);
      if (!team) throw new ValidationError("Pick an existing team.", { teamId: ["This team does not exist."] });
    }
    changes.teamId = input.teamId;
  }

  if (input.managerEmail !== undefined) changes.managerId = await resolveManager(tx, input.managerEmail, user.id);

  // The end-date rule applies when the type or the date changes, so an Owner's earlier extension stays valid.
  const type = changes.employmentType ?? user.employmentType;
  const endDate = changes.endDate !== undefined ? changes.endDate : user.endDate;
  const startDate = changes.startDate !== undefined ? changes.startDate : user.startDate;
  const endChanged = (changes.endDate !== undefined && changes.endDate !== user.endDate) || (changes.employmentType !== undefined && changes.employmentType !== user.employmentType);
  if (endChanged) {
    const problem = endDateProblem(ctx.actor, type, endDate, startDate, now);
    if (problem) throw new ValidationError("Some fields are invalid. Fix them and try again.", { endDate: [problem] });
  }
  return changes;
}

/** Shortens the user's open grants so none outlives the end date; each change is audited. */
export async function capGrants(tx: Db, ctx: ServiceContext, userId: string, until: Date) {
  const grants = await tx
    .select({ id: t.grants.id, expiresAt: t.grants.expiresAt })
    .from(t.grants)
    .where(and(eq(t.grants.userId, userId), isNull(t.grants.endedAt), or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, until))));
  if (!grants.length) return;
  for (const grant of grants) await tx.update(t.grants).set({ expiresAt: until }).where(eq(t.grants.id, grant.id));
  await recordAuditMany(
    tx,
    ctx,
    grants.map((g) => ({ action: "grant.update" as const, target: { type: "grant", id: g.id }, before: { expiresAt: g.expiresAt }, after: { expiresAt: until, reason: "capped at the user's end date" } })),
  );
}
