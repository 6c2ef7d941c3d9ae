import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t } from "@/db";
import { loadActorForSession } from "@/lib/services/auth/sessions";
import { resumeUser, suspendUser } from "@/lib/services/users/status";
import { updateUser } from "@/lib/services/users/update";
import { contextFor, makeTeam, makeUser } from "../factory";
import { lastAudit } from "./helpers";

const NOW = new Date("2026-12-04T12:00:00Z");
let adminId: string;
let teamA: string;
let teamB: string;

beforeAll(async () => {
  adminId = (await makeUser({ roles: ["admin"] })).id;
  teamA = (await makeTeam()).id;
  teamB = (await makeTeam()).id;
});

async function version(userId: string) {
  const [row] = await db.select({ version: t.users.version }).from(t.users).where(eq(t.users.id, userId));
  return row.version;
}

describe("updateUser", () => {
  it("changes team and manager with before and after", async () => {
    const manager = await makeUser({ email: "boss.one@corp.example" });
    const user = await makeUser({ teamId: teamA, name: "Pat Change" });
    await updateUser(await contextFor(adminId), { id: user.id, version: 1, teamId: teamB, managerEmail: "Boss.One@corp.example", title: "Lead" });
    const [row] = await db.select().from(t.users).where(eq(t.users.id, user.id));
    expect(row).toMatchObject({ teamId: teamB, managerId: manager.id, title: "Lead", version: 2 });
    const event = await lastAudit("user.update");
    expect(event).toMatchObject({ actorId: adminId, targetId: user.id, before: { teamId: teamA, managerId: null, title: null }, after: { teamId: teamB, managerId: manager.id, title: "Lead" } });
  });

  it("rejects the second of two concurrent saves", async () => {
    const user = await makeUser({ name: "Two Editors" });
    const first = await contextFor(adminId);
    const otherAdmin = await makeUser({ roles: ["admin"] });
    const second = await contextFor(otherAdmin.id);
    await updateUser(first, { id: user.id, version: 1, title: "From first" });
    await expect(updateUser(second, { id: user.id, version: 1, title: "From second" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Someone else changed this user after you opened the form. Reload the page to see their changes, then apply yours again.",
    });
    const [row] = await db.select({ title: t.users.title }).from(t.users).where(eq(t.users.id, user.id));
    expect(row.title).toBe("From first");
  });

  it("refuses a responder and a manager loop", async () => {
    const responder = await makeUser({ roles: ["responder"] });
    const user = await makeUser();
    await expect(updateUser(await contextFor(responder.id), { id: user.id, version: 1, title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const boss = await makeUser({ email: "loop.boss@corp.example", managerId: user.id });
    await expect(updateUser(await contextFor(adminId), { id: user.id, version: 1, managerEmail: "loop.boss@corp.example" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(boss.id).toBeTruthy();
  });

  it("caps grants when a person becomes a contractor", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const ctx = { ...(await contextFor(adminId)), now: NOW };
    await expect(updateUser(ctx, { id: user.id, version: 1, employmentType: "contractor" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { endDate: ["A contractor needs an end date."] } });
    await updateUser(ctx, { id: user.id, version: 1, employmentType: "contractor", endDate: "2027-01-15" });
    const [grant] = await db.select().from(t.grants).where(eq(t.grants.userId, user.id));
    expect(grant.expiresAt?.toISOString()).toBe("2027-01-15T23:59:59.999Z");
    expect((await lastAudit("grant.update")).targetId).toBe(grant.id);
  });

  it("keeps an Owner's account for Owners", async () => {
    const owner = await makeUser({ roles: ["owner"] });
    await expect(updateUser(await contextFor(adminId), { id: owner.id, version: 1, title: "Demoted" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("suspend and resume", () => {
  it("ends sessions and restores the status", async () => {
    const user = await makeUser({ roles: ["responder"], passwordHash: "x" });
    const session = await contextFor(user.id);
    await suspendUser(await contextFor(adminId), { id: user.id, version: 1, reason: "laptop stolen" });
    expect(await loadActorForSession(session.actor.sessionId!)).toBeNull();
    expect(await lastAudit("user.suspend")).toMatchObject({ targetId: user.id, before: { status: "active" }, after: { status: "suspended", reason: "laptop stolen", sessionsEnded: 1 } });

    await resumeUser(await contextFor(adminId), { id: user.id, version: 2 });
    const [row] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, user.id));
    expect(row.status).toBe("active");
    expect(await lastAudit("user.resume")).toMatchObject({ targetId: user.id, after: { status: "active" } });
    expect(await loadActorForSession(session.actor.sessionId!)).toBeNull();
  });

  it("refuses a responder and self-suspension", async () => {
    const user = await makeUser();
    const responder = await makeUser({ roles: ["responder"] });
    await expect(suspendUser(await contextFor(responder.id), { id: user.id, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(suspendUser(await contextFor(adminId), { id: adminId, version: await version(adminId) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never suspends the last active Owner", async () => {
    const owners = await db.select({ userId: t.grants.userId }).from(t.grants).where(eq(t.grants.roleId, "role_owner"));
    const [first] = owners;
    const second = await makeUser({ roles: ["owner"] });
    // The first Owner's context is taken before the suspension, as a request already in flight would hold it.
    const firstCtx = await contextFor(first.userId);
    await suspendUser(await contextFor(second.id), { id: first.userId, version: await version(first.userId) });
    await expect(suspendUser(firstCtx, { id: second.id, version: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This user is the last active Owner, so they cannot be suspended. Make another user an Owner first.",
    });
    const [row] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, second.id));
    expect(row.status).toBe("active");
  });
});
