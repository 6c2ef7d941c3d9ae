import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { loadActorForSession } from "@/lib/services/auth/sessions";
import { systemContext } from "@/lib/services/context";
import { offboardingImpact } from "@/lib/services/offboarding/impact";
import { offboardUser } from "@/lib/services/offboarding/offboard";
import { cancelScheduledOffboarding, runDueOffboardings, scheduleOffboarding } from "@/lib/services/offboarding/schedule";
import { purgeUser } from "@/lib/services/users/purge";
import { reactivateUser } from "@/lib/services/users/reactivate";
import { resumeUser, suspendUser } from "@/lib/services/users/status";
import { updateUser } from "@/lib/services/users/update";
import { contextFor, makeTeam, makeUser, userStatus } from "../factory";
import { auditCount, lastAudit } from "./helpers";

const HOUR = 3_600_000;
let adminId: string;
let number = 100;

beforeAll(async () => {
  adminId = (await makeUser({ roles: ["admin"] })).id;
});

async function incident(teamId: string, severity: "SEV1" | "SEV2" | "SEV3" | "SEV4", fields: { assigneeId?: string; commanderId?: string; status?: "investigating" | "resolved" }) {
  const id = crypto.randomUUID();
  const now = new Date();
  number += 1;
  await transaction((tx) =>
    tx.insert(t.incidents).values({ id, number, title: `Incident ${number}`, severity, status: fields.status ?? "investigating", teamId, summary: "s", assigneeId: fields.assigneeId ?? null, commanderId: fields.commanderId ?? null, createdAt: now, updatedAt: now }),
  );
  return id;
}

async function schedule(teamId: string, members: string[]) {
  const id = crypto.randomUUID();
  await transaction(async (tx) => {
    await tx.insert(t.oncallSchedules).values({ id, teamId, name: `Rotation ${id.slice(0, 4)}`, shiftHours: 12, createdAt: new Date() });
    for (const [position, userId] of members.entries()) await tx.insert(t.scheduleMembers).values({ scheduleId: id, userId, position });
  });
  return id;
}

async function shift(scheduleId: string, userId: string, startsAt: Date, hours = 12) {
  const id = crypto.randomUUID();
  await transaction((tx) => tx.insert(t.shifts).values({ id, scheduleId, userId, startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR), isGap: false }));
  return id;
}

async function world() {
  const now = new Date();
  const team = await makeTeam();
  const leaver = await makeUser({ roles: ["responder"], teamId: team.id, passwordHash: "x" });
  const taker = await makeUser({ roles: ["incident_commander"], teamId: team.id });
  const colleague = await makeUser({ roles: ["responder"], teamId: team.id });
  await transaction((tx) => tx.insert(t.teamManagers).values({ teamId: team.id, userId: leaver.id }));

  const sev2 = await incident(team.id, "SEV2", { assigneeId: leaver.id });
  const sev4 = await incident(team.id, "SEV4", { commanderId: leaver.id, assigneeId: colleague.id });
  const resolved = await incident(team.id, "SEV3", { assigneeId: leaver.id, status: "resolved" });

  const shared = await schedule(team.id, [leaver.id, colleague.id]);
  const solo = await schedule(team.id, [leaver.id]);
  const past = await shift(shared, leaver.id, new Date(now.getTime() - 30 * HOUR));
  const current = await shift(shared, leaver.id, new Date(now.getTime() - 2 * HOUR));
  const future = await shift(shared, leaver.id, new Date(now.getTime() + 22 * HOUR));
  const colleagueShift = await shift(shared, colleague.id, new Date(now.getTime() + 10 * HOUR));
  const soloFuture = await shift(solo, leaver.id, new Date(now.getTime() + 5 * HOUR));

  const campaignId = crypto.randomUUID();
  const grantOfColleague = (await db.select({ id: t.grants.id }).from(t.grants).where(eq(t.grants.userId, colleague.id)))[0].id;
  const itemId = crypto.randomUUID();
  const tokenId = crypto.randomUUID();
  const requestId = crypto.randomUUID();
  await transaction(async (tx) => {
    await tx.insert(t.reviewCampaigns).values({ id: campaignId, name: "Q4 review", status: "active", deadline: new Date(now.getTime() + 100 * HOUR), undecidedPolicy: "keep_and_flag", createdAt: now, launchedAt: now });
    await tx.insert(t.reviewItems).values({ id: itemId, campaignId, userId: colleague.id, grantId: grantOfColleague, roleId: "role_responder", reviewerId: leaver.id, decision: "pending", automatic: false });
    await tx.insert(t.apiTokens).values({ id: tokenId, name: "cli", kind: "api", ownerId: leaver.id, tokenHash: `hash-${tokenId}`, prefix: "wdn_", scopes: "incident.view", createdAt: now });
    await tx.insert(t.accessRequests).values({ id: requestId, userId: leaver.id, roleId: "role_incident_commander", reason: "on call", requestedUntil: new Date(now.getTime() + 48 * HOUR), status: "pending", createdAt: now });
  });
  return { team, leaver, taker, colleague, sev2, sev4, resolved, shared, solo, past, current, future, colleagueShift, soloFuture, itemId, tokenId, requestId };
}

describe("offboardingImpact", () => {
  it("lists everything that depends on the user", async () => {
    const w = await world();
    const impact = await offboardingImpact(await contextFor(adminId), w.leaver.id);
    expect(impact.incidents.map((i) => [i.id, i.asAssignee, i.asCommander])).toEqual([
      [w.sev2, true, false],
      [w.sev4, false, true],
    ]);
    const shared = impact.schedules.find((s) => s.id === w.shared)!;
    expect(shared.onlyMember).toBe(false);
    expect(shared.currentShift?.id).toBe(w.current);
    expect(shared.futureShifts.map((s) => s.id)).toEqual([w.future]);
    expect(impact.schedules.find((s) => s.id === w.solo)!.onlyMember).toBe(true);
    expect(impact.teams).toEqual([{ id: w.team.id, name: w.team.name, lastManager: true }]);
    expect(impact.grants.map((g) => g.roleKey)).toEqual(["responder"]);
    expect(impact.accessRequests.map((r) => r.id)).toEqual([w.requestId]);
    expect(impact.reviewItems.map((r) => r.id)).toEqual([w.itemId]);
    expect(impact.tokens.map((tk) => tk.id)).toEqual([w.tokenId]);
  });

  it("refuses a responder", async () => {
    const w = await world();
    await expect(offboardingImpact(await contextFor(w.colleague.id), w.leaver.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("offboardUser", () => {
  it("names every missing choice", async () => {
    const w = await world();
    const error = await offboardUser(await contextFor(adminId), { userId: w.leaver.id, version: 1 }).catch((e) => e);
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors).sort()).toEqual([`incidents.${w.sev2}`, `incidents.${w.sev4}`, "reviewFallback", `schedules.${w.shared}`, `schedules.${w.solo}`, `teams.${w.team.id}`].sort());
  });

  it("requires a named person for a major incident", async () => {
    const w = await world();
    const error = await offboardUser(await contextFor(adminId), { userId: w.leaver.id, version: 1, incidents: [{ incidentId: w.sev2, takeover: null }] }).catch((e) => e);
    expect(error.fieldErrors[`incidents.${w.sev2}`]).toEqual([expect.stringContaining("SEV2")]);
  });

  it("hands over and ends access in one transaction", async () => {
    const w = await world();
    const leaverSession = await contextFor(w.leaver.id);
    const before = new Date();
    const result = await offboardUser(await contextFor(adminId), {
      userId: w.leaver.id,
      version: 1,
      incidents: [
        { incidentId: w.sev2, takeover: w.taker.email },
        { incidentId: w.sev4, takeover: null },
      ],
      schedules: [
        { scheduleId: w.shared, replacement: w.taker.id },
        { scheduleId: w.solo, replacement: null },
      ],
      teams: [{ teamId: w.team.id, newManager: w.taker.id }],
      reviewFallback: w.taker.id,
      reason: "left the company",
    });
    expect(result).toMatchObject({ incidentsHandedOver: 2, shiftsReassigned: 3, reviewItemsReassigned: 1, grantsEnded: 1, tokensRevoked: 1 });

    const incidents = await db.select().from(t.incidents).where(eq(t.incidents.teamId, w.team.id));
    const byId = new Map(incidents.map((i) => [i.id, i]));
    expect(byId.get(w.sev2)).toMatchObject({ assigneeId: w.taker.id, version: 2 });
    expect(byId.get(w.sev4)).toMatchObject({ commanderId: null, assigneeId: w.colleague.id });
    expect(byId.get(w.resolved)).toMatchObject({ assigneeId: w.leaver.id, version: 1 });

    const shifts = await db.select().from(t.shifts).where(eq(t.shifts.scheduleId, w.shared)).orderBy(asc(t.shifts.startsAt));
    const pastShift = shifts.find((s) => s.id === w.past)!;
    expect(pastShift.userId).toBe(w.leaver.id);
    const worked = shifts.find((s) => s.id === w.current)!;
    expect(worked.userId).toBe(w.leaver.id);
    expect(worked.endsAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    const rest = shifts.find((s) => s.startsAt.getTime() === worked.endsAt.getTime() && s.id !== w.current)!;
    expect(rest).toMatchObject({ userId: w.taker.id, isGap: false });
    expect(shifts.find((s) => s.id === w.future)!.userId).toBe(w.taker.id);
    const colleagueShift = shifts.find((s) => s.id === w.colleagueShift)!;
    expect(colleagueShift.userId).toBe(w.colleague.id);
    expect(colleagueShift.startsAt.getTime() - before.getTime()).toBeGreaterThan(9 * HOUR);
    const [gap] = await db.select().from(t.shifts).where(eq(t.shifts.id, w.soloFuture));
    expect(gap).toMatchObject({ userId: null, isGap: true });

    const members = await db.select().from(t.scheduleMembers).where(eq(t.scheduleMembers.scheduleId, w.shared)).orderBy(asc(t.scheduleMembers.position));
    expect(members.map((m) => [m.userId, m.position])).toEqual([
      [w.taker.id, 0],
      [w.colleague.id, 1],
    ]);
    const managers = await db.select().from(t.teamManagers).where(eq(t.teamManagers.teamId, w.team.id));
    expect(managers.map((m) => m.userId)).toEqual([w.taker.id]);
    const [item] = await db.select().from(t.reviewItems).where(eq(t.reviewItems.id, w.itemId));
    expect(item.reviewerId).toBe(w.taker.id);

    const [token] = await db.select().from(t.apiTokens).where(eq(t.apiTokens.id, w.tokenId));
    expect(token.revokedAt).not.toBeNull();
    const [request] = await db.select().from(t.accessRequests).where(eq(t.accessRequests.id, w.requestId));
    expect(request.status).toBe("cancelled");
    const grants = await db.select().from(t.grants).where(eq(t.grants.userId, w.leaver.id));
    expect(grants.every((g) => g.endedAt !== null)).toBe(true);
    expect(await loadActorForSession(leaverSession.actor.sessionId!)).toBeNull();

    const event = await lastAudit("user.deactivate");
    expect(event).toMatchObject({ actorId: adminId, targetId: w.leaver.id, before: { status: "active" }, after: { status: "deactivated", reason: "left the company", sessionsEnded: 1, grantsEnded: 1 } });
    expect(await auditCount("incident.update", w.sev2)).toBe(1);
    expect(await auditCount("shift.reassign", w.shared)).toBe(1);
    expect(await auditCount("review.reassign", w.itemId)).toBe(1);
    expect(await auditCount("grant.end")).toBeGreaterThanOrEqual(1);
  });

  it("refuses a responder, self-offboarding and the last Owner", async () => {
    const w = await world();
    await expect(offboardUser(await contextFor(w.colleague.id), { userId: w.leaver.id, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(offboardUser(await contextFor(adminId), { userId: adminId, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const owner = await makeUser({ roles: ["owner"] });
    const ownerCtx = await contextFor(owner.id);
    const ownerAsSystem = systemContext("test");
    await expect(offboardUser(ownerAsSystem, { userId: owner.id, version: 1 })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("last active Owner") });
    expect(await loadActorForSession(ownerCtx.actor.sessionId!)).not.toBeNull();
  });

  it("refuses a stale version", async () => {
    const w = await world();
    await expect(offboardUser(await contextFor(adminId), { userId: w.leaver.id, version: 7 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("authorizes before checking the version", async () => {
    const w = await world();
    const responder = await contextFor(w.colleague.id);

    await expect(offboardUser(responder, { userId: w.leaver.id, version: 7 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(offboardUser(responder, { userId: "user_does_not_exist", version: 7 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await userStatus(w.leaver.id)).toBe("active");
  });

  it("gives other lifecycle services the same answer for unknown users", async () => {
    const w = await world();
    const responder = await contextFor(w.colleague.id);
    const unknown = "user_does_not_exist";

    await expect(suspendUser(responder, { id: unknown, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resumeUser(responder, { id: unknown, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reactivateUser(responder, { id: unknown, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(purgeUser(responder, { id: unknown })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateUser(responder, { id: unknown, version: 1, name: "Nobody" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(suspendUser(await contextFor(adminId), { id: unknown, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("scheduled offboarding", () => {
  it("runs on the last day and hands new incidents to the fallback", async () => {
    const w = await world();
    const ctx = await contextFor(adminId);
    const lastDay = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const choices = {
      incidents: [
        { incidentId: w.sev2, takeover: w.taker.id },
        { incidentId: w.sev4, takeover: w.taker.id },
      ],
      schedules: [
        { scheduleId: w.shared, replacement: w.colleague.id },
        { scheduleId: w.solo, replacement: null },
      ],
      teams: [{ teamId: w.team.id, newManager: w.taker.id }],
      reviewFallback: w.taker.id,
    };
    const { id, runAt } = await scheduleOffboarding(ctx, { userId: w.leaver.id, lastDay, fallback: w.colleague.email, ...choices });
    expect(runAt.toISOString()).toBe(`${lastDay}T23:59:59.999Z`);
    expect((await lastAudit("offboarding.schedule")).actorId).toBe(adminId);

    const late = await incident(w.team.id, "SEV1", { commanderId: w.leaver.id });
    expect(await runDueOffboardings(systemContext("job:users.offboard_scheduled"))).toEqual({ done: 0, failed: 0 });

    const job = { ...systemContext("job:users.offboard_scheduled"), now: new Date(runAt.getTime() + 1000) };
    expect(await runDueOffboardings(job)).toEqual({ done: 1, failed: 0 });
    expect(await runDueOffboardings(job)).toEqual({ done: 0, failed: 0 });

    const [row] = await db.select().from(t.scheduledOffboardings).where(eq(t.scheduledOffboardings.id, id));
    expect(row.status).toBe("done");
    const [user] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, w.leaver.id));
    expect(user.status).toBe("deactivated");
    const [lateIncident] = await db.select().from(t.incidents).where(eq(t.incidents.id, late));
    expect(lateIncident.commanderId).toBe(w.colleague.id);
    const event = await lastAudit("user.deactivate");
    expect(event).toMatchObject({ actorType: "system", actorName: "job:users.offboard_scheduled", targetId: w.leaver.id, after: { scheduledOffboardingId: id, scheduledBy: adminId } });
  });

  it("can be cancelled, and refuses a responder", async () => {
    const w = await world();
    const lastDay = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(scheduleOffboarding(await contextFor(w.colleague.id), { userId: w.leaver.id, lastDay, fallback: w.taker.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const all = {
      incidents: [
        { incidentId: w.sev2, takeover: w.taker.id },
        { incidentId: w.sev4, takeover: w.taker.id },
      ],
      schedules: [
        { scheduleId: w.shared, replacement: null },
        { scheduleId: w.solo, replacement: null },
      ],
      teams: [{ teamId: w.team.id, newManager: w.taker.id }],
      reviewFallback: w.taker.id,
    };
    const { id } = await scheduleOffboarding(await contextFor(adminId), { userId: w.leaver.id, lastDay, fallback: w.taker.id, ...all });
    await cancelScheduledOffboarding(await contextFor(adminId), { id });
    const [row] = await db.select().from(t.scheduledOffboardings).where(and(eq(t.scheduledOffboardings.id, id)));
    expect(row.status).toBe("cancelled");
    expect((await lastAudit("offboarding.cancel")).targetId).toBe(w.leaver.id);
  });
});
