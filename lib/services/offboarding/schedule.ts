import { and, asc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import { db, t, transaction } from "@/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { authorize } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { endOfDay } from "@/lib/services/grants/assign";
import { isIsoDate, isoDay } from "@/lib/services/users/dates";
import { loadUserRow, loadUserRowFor } from "@/lib/services/users/load";
import { assertMayChangeAccount, assertNotLastOwner } from "@/lib/services/users/owners";
import { collectImpact } from "./impact";
import { performOffboarding } from "./offboard";
import { handoverChoices, planHandover, resolvePerson, type HandoverChoices } from "./plan";
import { safeErrorMessage } from "@/lib/sanitize-error";

export const scheduleOffboardingInput = handoverChoices.extend({
  userId: z.string().min(1),
  lastDay: z.string().trim().refine(isIsoDate, "Enter the last working day as YYYY-MM-DD."),
  // Takes whatever appears after today's plan: new incidents, and teams left without a manager.
  fallback: z.string().trim().min(1, "Pick a fallback person for anything that appears before the last day.").max(320),
});

interface StoredPlan {
  choices: HandoverChoices;
  fallback: string;
  scheduledBy: string | null;
}

/**
 * Plans an offboarding for the end of the last working day (UTC). Today's choices are checked now, and
 * again when the offboarding job runs it, when the fallback person takes anything not covered.
 */
export async function scheduleOffboarding(ctx: ServiceContext, raw: z.input<typeof scheduleOffboardingInput>) {
  const input = scheduleOffboardingInput.parse(raw);
  const now = nowOf(ctx);
  const runAt = endOfDay(input.lastDay);
  if (input.lastDay < isoDay(now)) throw new ValidationError("The last working day is in the past.", { lastDay: ["Pick today or a later day."] });

  return transaction(async (tx) => {
    const user = await loadUserRowFor(tx, ctx, input.userId, "user.deactivate");
    if (user.id === ctx.actor.id) throw new ValidationError("You cannot offboard yourself.", { userId: ["Ask another administrator."] });
    await assertMayChangeAccount(tx, ctx.actor, user.id, now);
    if (user.status === "deactivated" || user.status === "purged") throw new ConflictError(`This user is already ${user.status}.`);
    await assertNotLastOwner(tx, user.id, now, "offboarded");

    const fallback = await resolvePerson(tx, input.fallback);
    if (!fallback || fallback.id === user.id) throw new ValidationError("Pick an active fallback person.", { fallback: ["Pick an active user other than the person who is leaving."] });
    const { lastDay: _lastDay, fallback: _fallback, userId: _userId, ...choices } = input;
    await planHandover(tx, await collectImpact(tx, user.id, now), choices);

    await tx
      .update(t.scheduledOffboardings)
      .set({ status: "cancelled", finishedAt: now, detail: "replaced by a new plan" })
      .where(and(eq(t.scheduledOffboardings.userId, user.id), eq(t.scheduledOffboardings.status, "scheduled")));
    const id = crypto.randomUUID();
    const plan: StoredPlan = { choices, fallback: fallback.id, scheduledBy: ctx.actor.id };
    await tx.insert(t.scheduledOffboardings).values({ id, userId: user.id, runAt, plan: JSON.stringify(plan), status: "scheduled", createdBy: ctx.actor.id, createdAt: now });
    await recordAudit(tx, ctx, { action: "offboarding.schedule", target: { type: "user", id: user.id }, after: { scheduledOffboardingId: id, runAt, fallback: fallback.id } });
    return { id, runAt };
  });
}

export const cancelScheduledOffboardingInput = z.object({ id: z.string().min(1) });

export async function cancelScheduledOffboarding(ctx: ServiceContext, input: z.infer<typeof cancelScheduledOffboardingInput>) {
  const now = nowOf(ctx);
  return transaction(async (tx) => {
    const [row] = await tx.select().from(t.scheduledOffboardings).where(eq(t.scheduledOffboardings.id, input.id)).limit(1);
    if (!row) throw new NotFoundError("Scheduled offboarding");
    const user = await loadUserRow(tx, row.userId);
    authorize(ctx.actor, "user.deactivate", user.teamId);
    if (row.status !== "scheduled") throw new ConflictError(`This offboarding is already ${row.status}.`);
    await tx.update(t.scheduledOffboardings).set({ status: "cancelled", finishedAt: now, detail: "cancelled" }).where(eq(t.scheduledOffboardings.id, row.id));
    await recordAudit(tx, ctx, { action: "offboarding.cancel", target: { type: "user", id: row.userId }, before: { status: "scheduled", runAt: row.runAt }, after: { status: "cancelled" } });
  });
}

/** The pending scheduled offboarding of a user, if any, for the profile and offboarding pages. */
export async function pendingOffboardingOf(userId: string) {
  const [row] = await db
    .select({ id: t.scheduledOffboardings.id, runAt: t.scheduledOffboardings.runAt, createdBy: t.scheduledOffboardings.createdBy })
    .from(t.scheduledOffboardings)
    .where(and(eq(t.scheduledOffboardings.userId, userId), eq(t.scheduledOffboardings.status, "scheduled")))
    .limit(1);
  return row ?? null;
}

/**
 * Runs every scheduled offboarding that is due; the offboarding job calls it with a system context.
 * Each runs in its own transaction and is marked done in it, so a rerun never offboards twice. One that
 * cannot be carried out (for example the fallback person left too) is marked failed and audited, and
 * the user stays active until an administrator offboards them by hand.
 */
export async function runDueOffboardings(ctx: ServiceContext, limit = 50) {
  const now = nowOf(ctx);
  const due = await db
    .select({ id: t.scheduledOffboardings.id })
    .from(t.scheduledOffboardings)
    .where(and(eq(t.scheduledOffboardings.status, "scheduled"), lte(t.scheduledOffboardings.runAt, now)))
    .orderBy(asc(t.scheduledOffboardings.runAt), asc(t.scheduledOffboardings.id))
    .limit(limit);

  let done = 0;
  let failed = 0;
  for (const { id } of due) {
    try {
      const ran = await transaction(async (tx) => {
        const [row] = await tx.select().from(t.scheduledOffboardings).where(and(eq(t.scheduledOffboardings.id, id), eq(t.scheduledOffboardings.status, "scheduled"))).limit(1);
        if (!row) return false;
        const plan = JSON.parse(row.plan) as StoredPlan;
        await performOffboarding(tx, ctx, row.userId, handoverChoices.parse(plan.choices), plan.fallback, { scheduledOffboardingId: row.id, scheduledBy: plan.scheduledBy });
        await tx.update(t.scheduledOffboardings).set({ status: "done", finishedAt: now }).where(eq(t.scheduledOffboardings.id, row.id));
        return true;
      });
      if (ran) done += 1;
    } catch (error) {
      failed += 1;
      // The message is stored and audited, so Drizzle's parameter list is cut from it.
      const message = safeErrorMessage(error);
      const details = error instanceof ValidationError ? error.fieldErrors : undefined;
      logger.error({ err: error, scheduledOffboardingId: id }, "scheduled offboarding failed");
      await transaction(async (tx) => {
        const [row] = await tx.select({ userId: t.scheduledOffboardings.userId }).from(t.scheduledOffboardings).where(eq(t.scheduledOffboardings.id, id)).limit(1);
        await tx.update(t.scheduledOffboardings).set({ status: "failed", finishedAt: now, detail: JSON.stringify({ message, details }) }).where(eq(t.scheduledOffboardings.id, id));
        await recordAudit(tx, ctx, { action: "offboarding.fail", target: { type: "user", id: row?.userId ?? null }, after: { scheduledOffboardingId: id, message, details } });
      });
    }
  }
  return { done, failed };
}
