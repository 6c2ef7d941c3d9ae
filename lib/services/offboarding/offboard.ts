import { and, eq, gte } from "drizzle-orm";
import { z } from "zod";
import { t, transaction, type Db } from "@/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { authorize } from "@/lib/permissions/check";
import { recordAuditMany } from "@/lib/services/audit/bulk";
import type { AuditInput } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { loadUserRow, loadUserRowFor, STALE_MESSAGE } from "@/lib/services/users/load";
import { assertMayChangeAccount, assertNotLastOwner } from "@/lib/services/users/owners";
import { endAccess } from "./deactivate";
import { collectImpact } from "./impact";
import { handoverChoices, planHandover, type HandoverChoices, type HandoverPlan } from "./plan";

export const offboardUserInput = handoverChoices.extend({
  userId: z.string().min(1),
  version: z.number().int().positive(),
});
export type OffboardUserInput = z.input<typeof offboardUserInput>;

/**
 * Offboards a user now, in one transaction: hands over their open incidents, shifts, team management
 * and review items as chosen, then ends their sessions, tokens, invitations and grants and deactivates
 * the account, with an audit event for each change. The impact is recomputed inside the transaction,
 * so anything that appeared after the preview must be covered by the choices too.
 */
export async function offboardUser(ctx: ServiceContext, raw: OffboardUserInput) {
  const input = offboardUserInput.parse(raw);
  return transaction(async (tx) => {
    // Authorized before the version check, so a stale version does not show an unauthorized caller that the user exists.
    const user = await loadUserRowFor(tx, ctx, input.userId, "user.deactivate");
    if (user.version !== input.version) throw new ConflictError(STALE_MESSAGE);
    return performOffboarding(tx, ctx, input.userId, input, null, {});
  });
}

/** The checks and changes of an offboarding, inside the caller's transaction; the scheduled job reuses it. */
export async function performOffboarding(tx: Db, ctx: ServiceContext, userId: string, choices: HandoverChoices, fallback: string | null, details: Record<string, unknown>) {
  const now = nowOf(ctx);
  const user = await loadUserRow(tx, userId);
  authorize(ctx.actor, "user.deactivate", user.teamId);
  if (user.id === ctx.actor.id) throw new ForbiddenError("You cannot offboard yourself. Ask another administrator.", "user.deactivate");
  await assertMayChangeAccount(tx, ctx.actor, user.id, now);
  if (user.status === "deactivated" || user.status === "purged") throw new ConflictError(`This user is already ${user.status}.`);
  await assertNotLastOwner(tx, user.id, now, "offboarded");

  const impact = await collectImpact(tx, user.id, now);
  const plan = await planHandover(tx, impact, choices, fallback);

  const events: AuditInput[] = [];
  await handOverIncidents(tx, plan, now, events);
  const shiftsReassigned = await handOverShifts(tx, user.id, plan, now, events);
  await handOverTeams(tx, user.id, plan, events);
  await reassignReviews(tx, plan, user.id, events);
  const access = await endAccess(tx, ctx, user, now, {
    reason: choices.reason ?? null,
    incidentsHandedOver: plan.incidents.length,
    shiftsReassigned,
    reviewItemsReassigned: plan.reviewItems.length,
    ...details,
  });
  await recordAuditMany(tx, ctx, [...events, ...access.events]);

  await tx
    .update(t.scheduledOffboardings)
    .set({ status: "cancelled", finishedAt: now, detail: "offboarded directly" })
    .where(and(eq(t.scheduledOffboardings.userId, user.id), eq(t.scheduledOffboardings.status, "scheduled")));

  return { userId: user.id, version: access.version, ...access.counts, incidentsHandedOver: plan.incidents.length, shiftsReassigned, reviewItemsReassigned: plan.reviewItems.length };
}

async function handOverIncidents(tx: Db, plan: HandoverPlan, now: Date, events: AuditInput[]) {
  for (const { incident, assigneeId, commanderId } of plan.incidents) {
    await tx
      .update(t.incidents)
      .set({ assigneeId, commanderId, updatedAt: now, version: incident.version + 1 })
      .where(eq(t.incidents.id, incident.id));
    events.push({
      action: "incident.update",
      target: { type: "incident", id: incident.id },
      before: { assigneeId: incident.assigneeId, commanderId: incident.commanderId },
      after: { assigneeId, commanderId, reason: "offboarding handover" },
    });
  }
}

/**
 * Puts the replacement (or a gap marker) into the leaver's current and future shifts, and into their
 * place in the rotation, so nobody else's shifts move. A shift in progress is split at `now`: the part
 * already worked stays with the leaver, because past shifts never change.
 */
async function handOverShifts(tx: Db, userId: string, plan: HandoverPlan, now: Date, events: AuditInput[]) {
  let total = 0;
  for (const { schedule, replacementId } of plan.schedules) {
    const taker = { userId: replacementId, isGap: replacementId === null };
    const reassigned: string[] = [];

    const current = schedule.currentShift;
    if (current && current.startsAt < now) {
      await tx.update(t.shifts).set({ endsAt: now }).where(eq(t.shifts.id, current.id));
      const id = crypto.randomUUID();
      await tx.insert(t.shifts).values({ id, scheduleId: schedule.id, ...taker, startsAt: now, endsAt: current.endsAt });
      reassigned.push(id);
    }
    const future = await tx
      .update(t.shifts)
      .set(taker)
      .where(and(eq(t.shifts.scheduleId, schedule.id), eq(t.shifts.userId, userId), gte(t.shifts.startsAt, now)))
      .returning({ id: t.shifts.id });
    reassigned.push(...future.map((s) => s.id));
    total += reassigned.length;
    if (reassigned.length) {
      events.push({ action: "shift.reassign", target: { type: "schedule", id: schedule.id }, before: { userId }, after: { userId: replacementId, gap: taker.isGap, shiftIds: reassigned } });
    }

    await tx.delete(t.scheduleMembers).where(and(eq(t.scheduleMembers.scheduleId, schedule.id), eq(t.scheduleMembers.userId, userId)));
    let replacementJoined = false;
    if (replacementId && schedule.position !== null) {
      const [already] = await tx.select({ userId: t.scheduleMembers.userId }).from(t.scheduleMembers).where(and(eq(t.scheduleMembers.scheduleId, schedule.id), eq(t.scheduleMembers.userId, replacementId))).limit(1);
      if (!already) {
        await tx.insert(t.scheduleMembers).values({ scheduleId: schedule.id, userId: replacementId, position: schedule.position });
        replacementJoined = true;
      }
    }
    events.push({ action: "schedule.update", target: { type: "schedule", id: schedule.id }, before: { memberRemoved: userId, position: schedule.position }, after: { replacement: replacementId, replacementJoined } });
  }
  return total;
}

async function handOverTeams(tx: Db, userId: string, plan: HandoverPlan, events: AuditInput[]) {
  for (const team of plan.teams) {
    await tx.delete(t.teamManagers).where(and(eq(t.teamManagers.teamId, team.teamId), eq(t.teamManagers.userId, userId)));
    if (team.newManagerId) await tx.insert(t.teamManagers).values({ teamId: team.teamId, userId: team.newManagerId }).onConflictDoNothing();
    events.push({ action: "team.update", target: { type: "team", id: team.teamId }, before: { managerRemoved: userId }, after: { managerAdded: team.newManagerId } });
  }
}

async function reassignReviews(tx: Db, plan: HandoverPlan, userId: string, events: AuditInput[]) {
  for (const item of plan.reviewItems) {
    await tx.update(t.reviewItems).set({ reviewerId: item.reviewerId }).where(and(eq(t.reviewItems.id, item.id), eq(t.reviewItems.decision, "pending")));
    events.push({ action: "review.reassign", target: { type: "review_item", id: item.id }, before: { reviewerId: userId }, after: { reviewerId: item.reviewerId, reason: "reviewer offboarded" } });
  }
}

