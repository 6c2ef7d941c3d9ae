import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import type { UserStatus } from "@/db/types";
import { can, permissionList } from "@/lib/permissions/check";
import { createSession, loadActorForSession, revokeSession, signOutEverywhere } from "@/lib/services/auth/sessions";
import { contextFor, makeTeam, makeUser } from "../factory";

async function openSession(userId: string) {
  const session = await transaction((tx) => createSession(tx, userId, new Date(), "127.0.0.1", "vitest"));
  return session.id;
}

async function setStatus(userId: string, status: UserStatus) {
  await transaction((tx) => tx.update(t.users).set({ status, updatedAt: new Date() }).where(eq(t.users.id, userId)));
}

async function grantsOf(userId: string) {
  return db.select().from(t.grants).where(eq(t.grants.userId, userId));
}

async function lastAudit(action: string) {
  const [row] = await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, action)).orderBy(desc(t.auditEvents.id)).limit(1);
  return row;
}

describe("loadActorForSession", () => {
  it("loads the user and the permissions of their grants", async () => {
    const user = await makeUser({ roles: ["auditor"] });
    const sessionId = await openSession(user.id);

    const actor = await loadActorForSession(sessionId);

    expect(actor).toMatchObject({ type: "user", id: user.id, email: user.email, sessionId });
    expect(permissionList(actor!)).toEqual(["audit.export", "audit.view", "user.view"]);
    expect([...actor!.roleKeys]).toEqual(["auditor"]);
  });

  it("returns null for an unknown session id", async () => {
    expect(await loadActorForSession("no-such-session")).toBeNull();
  });

  it("returns null once the session has expired", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const sessionId = await openSession(user.id);
    const [session] = await db.select().from(t.authSessions).where(eq(t.authSessions.id, sessionId));

    expect(await loadActorForSession(sessionId, new Date(session.expiresAt.getTime() - 1000))).not.toBeNull();
    expect(await loadActorForSession(sessionId, session.expiresAt)).toBeNull();
  });

  for (const status of ["suspended", "deactivated"] as const) {
    it(`returns null right after the user is ${status}`, async () => {
      const user = await makeUser({ roles: ["admin"] });
      const sessionId = await openSession(user.id);
      expect(await loadActorForSession(sessionId)).not.toBeNull();

      await setStatus(user.id, status);

      expect(await loadActorForSession(sessionId)).toBeNull();
    });
  }

  it("reflects an ended grant on the next load", async () => {
    const user = await makeUser({ roles: ["responder", "auditor"] });
    const sessionId = await openSession(user.id);
    const responderGrant = (await grantsOf(user.id)).find((g) => g.roleId === "role_responder")!;
    expect(can((await loadActorForSession(sessionId))!, "incident.update")).toBe(true);

    await transaction((tx) =>
      tx.update(t.grants).set({ endedAt: new Date(), endReason: "test" }).where(eq(t.grants.id, responderGrant.id)),
    );

    const actor = await loadActorForSession(sessionId);
    expect(actor).not.toBeNull();
    expect(can(actor!, "incident.update")).toBe(false);
    expect(can(actor!, "audit.view")).toBe(true);
    expect([...actor!.roleKeys]).toEqual(["auditor"]);
  });

  it("reflects a grant expiring on the next load", async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const user = await makeUser({ roles: [{ role: "incident_commander", expiresAt }] });
    const sessionId = await openSession(user.id);

    expect(can((await loadActorForSession(sessionId, new Date(expiresAt.getTime() - 1)))!, "incident.close_major")).toBe(true);
    const after = await loadActorForSession(sessionId, expiresAt);
    expect(after).not.toBeNull();
    expect(permissionList(after!)).toEqual([]);
  });

  it("gives nothing for a grant that has already expired", async () => {
    const user = await makeUser({ roles: [{ role: "admin", expiresAt: new Date(Date.now() - 1000) }] });

    const actor = await loadActorForSession(await openSession(user.id));

    expect(permissionList(actor!)).toEqual([]);
    expect(actor!.roleKeys.size).toBe(0);
  });

  it("limits a scoped grant to its team", async () => {
    const teamA = await makeTeam();
    const teamB = await makeTeam();
    const user = await makeUser({ roles: [{ role: "responder", teamId: teamA.id }] });

    const actor = (await loadActorForSession(await openSession(user.id)))!;

    expect(actor.global.size).toBe(0);
    expect(actor.roleKeys.size).toBe(0);
    expect(can(actor, "incident.view", teamA.id)).toBe(true);
    expect(can(actor, "incident.update", teamA.id)).toBe(true);
    expect(can(actor, "incident.view", teamB.id)).toBe(false);
    expect(can(actor, "incident.view")).toBe(false);
  });

  it("combines a global and a scoped grant", async () => {
    const teamA = await makeTeam();
    const teamB = await makeTeam();
    const user = await makeUser({ roles: ["manager", { role: "incident_commander", teamId: teamA.id }] });

    const actor = (await loadActorForSession(await openSession(user.id)))!;

    expect(can(actor, "incident.view", teamB.id)).toBe(true);
    expect(can(actor, "incident.close_major", teamA.id)).toBe(true);
    expect(can(actor, "incident.close_major", teamB.id)).toBe(false);
    expect([...actor.roleKeys]).toEqual(["manager"]);
  });
});

describe("revokeSession", () => {
  it("ends that session only and audits auth.sign_out", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const ctx = await contextFor(user.id);
    const other = await openSession(user.id);

    await revokeSession(ctx, ctx.actor.sessionId!);

    expect(await loadActorForSession(ctx.actor.sessionId!)).toBeNull();
    expect(await loadActorForSession(other)).not.toBeNull();
    const event = await lastAudit("auth.sign_out");
    expect(event.targetId).toBe(ctx.actor.sessionId);
    expect(event.actorId).toBe(user.id);
  });

  it("does not end another user's session", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const victim = await makeUser({ roles: ["responder"] });
    const victimSession = await openSession(victim.id);
    const before = await lastAudit("auth.sign_out");

    expect(await revokeSession(await contextFor(user.id), victimSession)).toBe(false);

    expect(await loadActorForSession(victimSession)).not.toBeNull();
    expect((await lastAudit("auth.sign_out"))?.id).toBe(before?.id);
  });

  it("writes no second event for an ended session", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const ctx = await contextFor(user.id);
    expect(await revokeSession(ctx, ctx.actor.sessionId!)).toBe(true);
    const first = await lastAudit("auth.sign_out");

    expect(await revokeSession(ctx, ctx.actor.sessionId!)).toBe(false);

    expect((await lastAudit("auth.sign_out")).id).toBe(first.id);
  });
});

describe("signOutEverywhere", () => {
  it("ends every session of the user and audits the count", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const bystander = await makeUser({ roles: ["responder"] });
    const ctx = await contextFor(user.id);
    const others = [await openSession(user.id), await openSession(user.id)];
    const bystanderSession = await openSession(bystander.id);

    await signOutEverywhere(ctx);

    for (const id of [ctx.actor.sessionId!, ...others]) expect(await loadActorForSession(id)).toBeNull();
    expect(await loadActorForSession(bystanderSession)).not.toBeNull();
    const sessions = await db.select().from(t.authSessions).where(eq(t.authSessions.userId, user.id));
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
    const event = await lastAudit("auth.sign_out_everywhere");
    expect(event.targetId).toBe(user.id);
    expect(event.after).toEqual({ sessionsEnded: 3 });
  });

  it("leaves a new sign-in after it working", async () => {
    const user = await makeUser({ roles: ["responder"] });
    await signOutEverywhere(await contextFor(user.id));

    const fresh = await openSession(user.id);

    expect(await loadActorForSession(fresh)).not.toBeNull();
  });
});
