import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { loadActorForSession } from "@/lib/services/auth/sessions";
import { signInWithPassword } from "@/lib/services/auth/sign-in";
import { acceptInvitation, lookupInvitation, reissueInvitation } from "@/lib/services/onboarding/invitations";
import { onboardUser } from "@/lib/services/onboarding/onboard";
import { deleteTemplate, saveTemplate } from "@/lib/services/onboarding/templates";
import { contextFor, makeTeam, makeUser } from "../factory";
import { auditCount, lastAudit, userByEmail } from "./helpers";

const NOW = new Date("2026-12-04T12:00:00Z");
const meta = { requestId: "req-invite", ip: "127.0.0.1", userAgent: "vitest" };
let ownerId: string;
let adminId: string;
let teamId: string;
let scheduleId: string;

beforeAll(async () => {
  ownerId = (await makeUser({ roles: ["owner"] })).id;
  adminId = (await makeUser({ roles: ["admin"] })).id;
  teamId = (await makeTeam("Onboarding Ops")).id;
  scheduleId = crypto.randomUUID();
  await transaction((tx) => tx.insert(t.oncallSchedules).values({ id: scheduleId, teamId, name: "Ops primary", shiftHours: 12, createdAt: new Date() }));
});

function tokenOf(path: string) {
  return path.replace("/invite/", "");
}

async function rolesOf(userId: string) {
  const rows = await db.select({ key: t.roles.key, teamId: t.grants.teamId, expiresAt: t.grants.expiresAt }).from(t.grants).innerJoin(t.roles, eq(t.roles.id, t.grants.roleId)).where(eq(t.grants.userId, userId));
  return rows;
}

describe("onboardUser", () => {
  it("creates an invited user with a link and audit events", async () => {
    const ctx = await contextFor(adminId);
    const result = await onboardUser(ctx, { name: "Nora Quinn", email: " Nora.Quinn@Corp.Example ", employmentType: "employee", teamId, title: "SRE" });
    const user = await userByEmail("nora.quinn@corp.example");
    expect(user).toMatchObject({ id: result.userId, status: "invited", source: "manual", teamId, title: "SRE" });
    expect(await rolesOf(user.id)).toEqual([{ key: "responder", teamId: null, expiresAt: null }]);
    expect(result.invitationPath).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const created = await db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "user.create"), eq(t.auditEvents.targetId, user.id)));
    expect(created).toHaveLength(1);
    expect(created[0].actorId).toBe(adminId);
    expect(await auditCount("invitation.create", user.id)).toBe(1);
  });

  it("grants a role named by key and id once", async () => {
    const ctx = await contextFor(adminId);

    const result = await onboardUser(ctx, {
      name: "Dee Duplicate", email: "dee.duplicate@corp.example", employmentType: "employee", teamId,
      roles: [{ roleId: "responder" }, { roleId: "role_responder" }, { roleId: "responder", teamScoped: true }, { roleId: "role_responder", teamScoped: true }],
    });

    const roles = await rolesOf(result.userId);
    expect(roles.map((role) => `${role.key}:${role.teamId ?? "global"}`).sort()).toEqual(["responder:global", `responder:${teamId}`]);
  });

  it("refuses a manager", async () => {
    const manager = await makeUser({ roles: ["manager"] });
    await expect(onboardUser(await contextFor(manager.id), { name: "No Way", email: "no.way@corp.example", employmentType: "employee" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await userByEmail("no.way@corp.example")).toBeUndefined();
  });

  it("lets only an Owner grant Owner", async () => {
    const request = { name: "Future Owner", email: "future.owner@corp.example", employmentType: "employee" as const, roles: [{ roleId: "role_owner", teamScoped: false }] };
    await expect(onboardUser(await contextFor(adminId), request)).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only an Owner can grant the Owner role." });
    expect(await userByEmail("future.owner@corp.example")).toBeUndefined();
    await onboardUser(await contextFor(ownerId), request);
    expect((await rolesOf((await userByEmail("future.owner@corp.example")).id)).map((r) => r.key)).toEqual(["owner"]);
  });

  it("requires a contractor end date within 90 days", async () => {
    const ctx = { ...(await contextFor(adminId)), now: NOW };
    const base = { name: "Cara Contract", email: "cara.contract@corp.example", employmentType: "contractor" as const };
    await expect(onboardUser(ctx, base)).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { endDate: ["A contractor needs an end date."] } });
    await expect(onboardUser(ctx, { ...base, endDate: "2027-06-01" })).rejects.toMatchObject({ code: "VALIDATION" });
    const ok = await onboardUser(ctx, { ...base, endDate: "2027-02-01" });
    expect(await rolesOf(ok.userId)).toEqual([{ key: "responder", teamId: null, expiresAt: new Date("2027-02-01T23:59:59.999Z") }]);
  });

  it("lets an Owner extend a vendor beyond 90 days", async () => {
    const ctx = { ...(await contextFor(ownerId)), now: NOW };
    const result = await onboardUser(ctx, { name: "Vic Vendor", email: "vic.vendor@vendor.example", employmentType: "vendor", endDate: "2027-09-30" });
    expect(await rolesOf(result.userId)).toEqual([{ key: "vendor", teamId: null, expiresAt: new Date("2027-09-30T23:59:59.999Z") }]);
  });

  it("rejects an email that exists in another case", async () => {
    await expect(onboardUser(await contextFor(adminId), { name: "Nora Again", email: "NORA.QUINN@corp.example", employmentType: "employee" })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { email: ["A user with this email already exists."] } });
  });

  it("applies the team's template in one step", async () => {
    const ctx = await contextFor(adminId);
    await saveTemplate(ctx, { teamId, roles: [{ roleId: "role_incident_commander", teamScoped: true }], scheduleIds: [scheduleId] });
    expect((await lastAudit("onboarding_template.update")).actorId).toBe(adminId);
    const result = await onboardUser(ctx, { name: "Tia Template", email: "tia.template@corp.example", employmentType: "employee", teamId });
    expect(await rolesOf(result.userId)).toEqual([{ key: "incident_commander", teamId, expiresAt: null }]);
    const [member] = await db.select().from(t.scheduleMembers).where(eq(t.scheduleMembers.userId, result.userId));
    expect(member.scheduleId).toBe(scheduleId);
    await deleteTemplate(ctx, { teamId });
  });

  it("refuses a template from someone who cannot grant its roles", async () => {
    const commander = await makeUser({ roles: ["incident_commander", { role: "admin", teamId }] });
    await expect(saveTemplate(await contextFor(commander.id), { teamId, roles: [{ roleId: "role_owner", teamScoped: false }], scheduleIds: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("invitations", () => {
  it("activates a plus-addressed user once", async () => {
    const result = await onboardUser(await contextFor(adminId), { name: "Ethan Oncall", email: "ethan.martin+oncall@corp.example", employmentType: "employee" });
    const token = tokenOf(result.invitationPath);
    expect(await lookupInvitation(token)).toEqual({ state: "valid", name: "Ethan Oncall", email: "ethan.martin+oncall@corp.example" });

    await acceptInvitation(meta, { token, password: "correct horse battery", confirm: "correct horse battery" });
    const user = await userByEmail("ethan.martin+oncall@corp.example");
    expect(user.status).toBe("active");
    const event = await lastAudit("invitation.accept");
    expect(event).toMatchObject({ actorId: user.id, targetId: user.id, before: { status: "invited" } });

    await expect(acceptInvitation(meta, { token, password: "another password 1", confirm: "another password 1" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await lookupInvitation(token)).state).toBe("used");

    const signedIn = await signInWithPassword("Ethan.Martin+oncall@corp.example", "correct horse battery", { ip: "127.0.0.9", userAgent: "vitest", requestId: "r1" });
    expect(signedIn?.userId).toBe(user.id);
    expect(await loadActorForSession(signedIn!.sessionId)).not.toBeNull();
  });

  it("refuses an expired link", async () => {
    const result = await onboardUser(await contextFor(adminId), { name: "Late Larry", email: "late.larry@corp.example", employmentType: "employee" });
    const token = tokenOf(result.invitationPath);
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect((await lookupInvitation(token, later)).state).toBe("expired");
    await expect(acceptInvitation({ ...meta, now: later }, { token, password: "correct horse battery", confirm: "correct horse battery" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await userByEmail("late.larry@corp.example")).status).toBe("invited");
  });

  it("replaces a link on reissue", async () => {
    const result = await onboardUser(await contextFor(adminId), { name: "Re Issue", email: "re.issue@corp.example", employmentType: "employee" });
    const fresh = await reissueInvitation(await contextFor(adminId), { userId: result.userId });
    expect((await lookupInvitation(tokenOf(result.invitationPath))).state).toBe("revoked");
    expect((await lookupInvitation(tokenOf(fresh.path))).state).toBe("valid");
    expect(await auditCount("invitation.revoke", result.userId)).toBe(1);
    const responder = await makeUser({ roles: ["responder"] });
    await expect(reissueInvitation(await contextFor(responder.id), { userId: result.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
