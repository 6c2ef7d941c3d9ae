import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { loadActorForSession, revokeSession } from "@/lib/services/auth/sessions";
import { systemContext } from "@/lib/services/context";
import { offboardUser } from "@/lib/services/offboarding/offboard";
import { onboardUser } from "@/lib/services/onboarding/onboard";
import { listAuditEvents } from "@/lib/services/audit/list";
import { getUser } from "@/lib/services/users/get";
import { purgeDueUsers, purgeUser } from "@/lib/services/users/purge";
import { reactivateUser } from "@/lib/services/users/reactivate";
import { getRetentionDays, setRetentionDays } from "@/lib/services/users/retention";
import { contextFor, makeTeam, makeUser } from "../factory";
import { auditCount, lastAudit, userByEmail } from "./helpers";

const DAY = 86_400_000;
let ownerId: string;
let adminId: string;

beforeAll(async () => {
  ownerId = (await makeUser({ roles: ["owner"] })).id;
  adminId = (await makeUser({ roles: ["admin"] })).id;
});

async function offboarded(options: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser({ roles: ["incident_commander"], passwordHash: "x", ...options });
  await offboardUser(await contextFor(adminId), { userId: user.id, version: 1 });
  const [row] = await db.select().from(t.users).where(eq(t.users.id, user.id));
  return row;
}

describe("reactivateUser", () => {
  it("restores the identity without grants", async () => {
    const user = await offboarded();
    await reactivateUser(await contextFor(adminId), { id: user.id, version: user.version });
    const [row] = await db.select().from(t.users).where(eq(t.users.id, user.id));
    expect(row).toMatchObject({ id: user.id, status: "active", deactivatedAt: null });
    const grants = await db.select().from(t.grants).where(eq(t.grants.userId, user.id));
    expect(grants.every((g) => g.endedAt !== null)).toBe(true);
    expect(await lastAudit("user.reactivate")).toMatchObject({ actorId: adminId, targetId: user.id, after: { status: "active", grantsRestored: 0 } });
  });

  it("refuses a responder and an active user", async () => {
    const user = await offboarded();
    const responder = await makeUser({ roles: ["responder"] });
    await expect(reactivateUser(await contextFor(responder.id), { id: user.id, version: user.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reactivateUser(await contextFor(adminId), { id: responder.id, version: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("needs a new end date for a contractor", async () => {
    const now = new Date();
    const user = await offboarded({ employmentType: "contractor" });
    await expect(reactivateUser(await contextFor(adminId), { id: user.id, version: user.version })).rejects.toMatchObject({ code: "VALIDATION" });
    const endDate = new Date(now.getTime() + 30 * DAY).toISOString().slice(0, 10);
    await reactivateUser(await contextFor(adminId), { id: user.id, version: user.version, endDate });
    const [row] = await db.select({ endDate: t.users.endDate }).from(t.users).where(eq(t.users.id, user.id));
    expect(row.endDate).toBe(endDate);
  });
});

describe("purge", () => {
  it("keeps the data until the retention period ends", async () => {
    const user = await offboarded();
    await expect(purgeUser(await contextFor(adminId), { id: user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const later = { ...(await contextFor(adminId)), now: new Date(Date.now() + 31 * DAY) };
    await purgeUser(later, { id: user.id });
    const [row] = await db.select().from(t.users).where(eq(t.users.id, user.id));
    expect(row).toMatchObject({ status: "purged", title: null, passwordHash: null, location: null });
    expect(row.name).toMatch(/^Former user [a-zA-Z0-9]{8}$/);
    expect(row.email).toMatch(/@purged\.invalid$/);
    expect(await lastAudit("user.purge")).toMatchObject({ actorId: adminId, targetId: user.id, after: { status: "purged", early: false } });
  });

  it("shows the pseudonym in audit views", async () => {
    const leaver = await makeUser({ name: "Quinn Leaver", roles: ["incident_commander"] });
    const leaverCtx = await contextFor(leaver.id);
    // An event the leaver wrote themselves, stored with their real name.
    await revokeSession(leaverCtx, leaverCtx.actor.sessionId!);
    await offboardUser(await contextFor(adminId), { userId: leaver.id, version: 1 });
    await purgeUser(await contextFor(ownerId), { id: leaver.id });

    const [row] = await db.select({ name: t.users.name }).from(t.users).where(eq(t.users.id, leaver.id));
    const page = await listAuditEvents(await contextFor(ownerId), { perPage: 200 });
    const byLeaver = page.rows.filter((e) => e.actorId === leaver.id);
    expect(leaverCtx.actor.name).toBe("Quinn Leaver");
    expect(page.rows.some((e) => e.actorName === "Quinn Leaver")).toBe(false);

    const detail = await getUser(await contextFor(ownerId), leaver.id);
    expect(detail.events?.some((e) => e.actorName === "Quinn Leaver")).toBe(false);
    expect(byLeaver.length).toBeGreaterThan(0);
    for (const event of byLeaver) expect(event.actorName).toBe(row.name);
  });

  it("lets an Owner purge early and refuses an auditor", async () => {
    const user = await offboarded();
    const auditor = await makeUser({ roles: ["auditor"] });
    await expect(purgeUser(await contextFor(auditor.id), { id: user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await purgeUser(await contextFor(ownerId), { id: user.id });
    expect(await lastAudit("user.purge")).toMatchObject({ actorId: ownerId, after: { early: true } });
  });

  it("purges due users in the job, idempotently", async () => {
    await setRetentionDays(await contextFor(ownerId), { days: 10 });
    expect(await getRetentionDays()).toBe(10);
    expect(await lastAudit("settings.update")).toMatchObject({ before: { days: 30 }, after: { days: 10 } });
    await expect(setRetentionDays(await contextFor((await makeUser({ roles: ["manager"] })).id), { days: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const user = await offboarded();
    const job = { ...systemContext("job:users.purge"), now: new Date(Date.now() + 11 * DAY) };
    expect(await purgeDueUsers(job)).toBeGreaterThanOrEqual(1);
    expect(await purgeDueUsers(job)).toBe(0);
    const [row] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, user.id));
    expect(row.status).toBe("purged");
    expect((await lastAudit("user.purge")).actorName).toBe("job:users.purge");
    await setRetentionDays(await contextFor(ownerId), { days: 30 });
  });
});

describe("BR-29 re-hiring an email", () => {
  it("creates a new identity after purge", async () => {
    const team = await makeTeam("IR Leads");
    const old = await makeUser({ email: "chris.moreau@corp.example", name: "Chris Moreau", roles: ["incident_commander"], teamId: team.id, passwordHash: "x" });
    await transaction((tx) => tx.update(t.users).set({ title: "Incident lead", location: "Lyon" }).where(eq(t.users.id, old.id)));
    const oldSession = await contextFor(old.id);

    await expect(onboardUser(await contextFor(adminId), { name: "Chris Moreau", email: "chris.moreau@corp.example", employmentType: "employee" })).rejects.toMatchObject({ code: "CONFLICT" });
    await offboardUser(await contextFor(adminId), { userId: old.id, version: 1 });
    await expect(onboardUser(await contextFor(adminId), { name: "Chris Moreau", email: "chris.moreau@corp.example", employmentType: "employee" })).rejects.toMatchObject({
      message: expect.stringContaining("deactivated user"),
    });
    await purgeUser(await contextFor(ownerId), { id: old.id });

    const rehired = await onboardUser(await contextFor(adminId), { name: "Chris Moreau", email: "chris.moreau@corp.example", employmentType: "employee" });
    expect(rehired.userId).not.toBe(old.id);
    const fresh = await userByEmail("chris.moreau@corp.example");
    expect(fresh).toMatchObject({ id: rehired.userId, status: "invited", title: null, location: null, teamId: null });
    const grants = await db.select({ roleId: t.grants.roleId }).from(t.grants).where(eq(t.grants.userId, fresh.id));
    expect(grants).toEqual([{ roleId: "role_responder" }]);

    expect(await auditCount("user.create", old.id)).toBe(0);
    expect(await auditCount("user.deactivate", old.id)).toBe(1);
    expect(await auditCount("user.purge", old.id)).toBe(1);
    expect(await loadActorForSession(oldSession.actor.sessionId!)).toBeNull();
  });
});
