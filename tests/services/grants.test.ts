import { and, count, desc, eq, isNull, notInArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { endGrant } from "@/lib/services/grants/end";
import { grantFormOptions } from "@/lib/services/grants/form-options";
import { grantRole } from "@/lib/services/grants/grant";
import { contextFor, makeTeam, makeUser } from "../factory";

const DAY = 86_400_000;
let ownerId: string;
let adminId: string;
let responderId: string;

beforeAll(async () => {
  ownerId = (await makeUser({ roles: ["owner"], name: "Olga Owner" })).id;
  adminId = (await makeUser({ roles: ["admin"], name: "Ada Admin" })).id;
  responderId = (await makeUser({ roles: ["responder"], name: "Rui Responder" })).id;
});

function daysAhead(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

async function lastAudit(action: string) {
  const [row] = await db.select().from(t.auditEvents).where(eq(t.auditEvents.action, action)).orderBy(desc(t.auditEvents.id)).limit(1);
  return row;
}

async function auditCount(action: string) {
  const [row] = await db.select({ n: count() }).from(t.auditEvents).where(eq(t.auditEvents.action, action));
  return Number(row.n);
}

async function grantsOf(userId: string) {
  return db.select().from(t.grants).where(eq(t.grants.userId, userId));
}

async function grantIdOf(userId: string, roleKey: string) {
  const [row] = await db
    .select({ id: t.grants.id })
    .from(t.grants)
    .where(and(eq(t.grants.userId, userId), eq(t.grants.roleId, `role_${roleKey}`), isNull(t.grants.endedAt)));
  return row.id;
}

async function activeOwnerCount() {
  const [row] = await db
    .select({ n: count() })
    .from(t.grants)
    .innerJoin(t.users, eq(t.users.id, t.grants.userId))
    .where(and(eq(t.grants.roleId, "role_owner"), isNull(t.grants.teamId), isNull(t.grants.endedAt), eq(t.users.status, "active")));
  return Number(row.n);
}

/** Arranges a database where only these users hold the Owner role, by ending every other Owner grant. */
async function leaveOnlyOwners(...userIds: string[]) {
  await transaction((tx) =>
    tx
      .update(t.grants)
      .set({ endedAt: new Date(), endReason: "test arrangement" })
      .where(and(eq(t.grants.roleId, "role_owner"), isNull(t.grants.endedAt), notInArray(t.grants.userId, userIds))),
  );
}

describe("grantRole", () => {
  it("lets an admin grant Responder, with its audit event", async () => {
    const user = await makeUser({ roles: [] });
    const result = await grantRole(await contextFor(adminId), { userId: user.id, roleKey: "responder", reason: "  Joins the tier 1 rotation  " });

    const [grant] = await grantsOf(user.id);
    expect(grant).toMatchObject({ id: result.id, roleId: "role_responder", teamId: null, expiresAt: null, grantedBy: adminId, source: "manual", reason: "Joins the tier 1 rotation", endedAt: null });
    const event = await lastAudit("grant.create");
    expect(event).toMatchObject({ actorId: adminId, targetType: "grant", targetId: result.id });
    expect(event.after).toMatchObject({ userId: user.id, role: "responder", teamId: null, expiresAt: null, source: "manual", reason: "Joins the tier 1 rotation" });
  });

  it("rejects a responder with FORBIDDEN", async () => {
    const user = await makeUser({ roles: [] });
    const creates = await auditCount("grant.create");
    const denials = await auditCount("access.denied");

    await expect(grantRole(await contextFor(responderId), { userId: user.id, roleKey: "responder", reason: "Needs access" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await grantsOf(user.id)).toHaveLength(0);
    expect(await auditCount("grant.create")).toBe(creates);
    expect(await auditCount("access.denied")).toBe(denials);
  });

  it("rejects a self-grant, even by an Owner", async () => {
    await expect(grantRole(await contextFor(adminId), { userId: adminId, roleKey: "incident_commander", reason: "Promote myself" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(grantRole(await contextFor(ownerId), { userId: ownerId, roleKey: "auditor", reason: "Promote myself" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await grantsOf(ownerId)).map((g) => g.roleId)).toEqual(["role_owner"]);
  });

  it("lets only an Owner grant Owner", async () => {
    const user = await makeUser({ roles: ["admin"] });
    await expect(grantRole(await contextFor(adminId), { userId: user.id, roleKey: "owner", reason: "Second Owner" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an Owner can grant the Owner role.",
    });

    const result = await grantRole(await contextFor(ownerId), { userId: user.id, roleKey: "owner", reason: "Second Owner" });
    expect(await lastAudit("grant.create")).toMatchObject({ actorId: ownerId, targetId: result.id, after: { role: "owner", userId: user.id } });
  });

  it("rejects a role with permissions the actor lacks", async () => {
    const scopedAdminTeam = await makeTeam();
    const scopedAdmin = await makeUser({ roles: [{ role: "admin", teamId: scopedAdminTeam.id }] });
    const user = await makeUser({ roles: [] });
    const ctx = await contextFor(scopedAdmin.id);

    await expect(grantRole(ctx, { userId: user.id, roleKey: "responder", reason: "Global access" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const result = await grantRole(ctx, { userId: user.id, roleKey: "responder", teamId: scopedAdminTeam.id, reason: "Team access" });
    expect(await lastAudit("grant.create")).toMatchObject({ actorId: scopedAdmin.id, targetId: result.id, after: { teamId: scopedAdminTeam.id } });
  });

  it("needs an end date for a vendor", async () => {
    const vendor = await makeUser({ roles: [], employmentType: "vendor" });
    const admin = await contextFor(adminId);

    await expect(grantRole(admin, { userId: vendor.id, roleKey: "vendor", reason: "Support contract" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { expiresAt: [expect.stringContaining("needs an end date")] },
    });
    await expect(grantRole(await contextFor(ownerId), { userId: vendor.id, roleKey: "vendor", reason: "Support contract" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await grantsOf(vendor.id)).toHaveLength(0);
  });

  it("limits a vendor's end date to 90 days for an Admin", async () => {
    const vendor = await makeUser({ roles: [], employmentType: "vendor" });

    await expect(grantRole(await contextFor(adminId), { userId: vendor.id, roleKey: "vendor", expiresAt: daysAhead(120), reason: "Long contract" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { expiresAt: [expect.stringContaining("90 days")] },
    });

    const result = await grantRole(await contextFor(adminId), { userId: vendor.id, roleKey: "vendor", expiresAt: daysAhead(60), reason: "Short contract" });
    const [grant] = await grantsOf(vendor.id);
    expect(grant.expiresAt?.toISOString()).toBe(`${daysAhead(60)}T23:59:59.999Z`);
    expect(await lastAudit("grant.create")).toMatchObject({ actorId: adminId, targetId: result.id, after: { expiresAt: `${daysAhead(60)}T23:59:59.999Z` } });
  });

  it("lets an Owner extend a vendor past 90 days", async () => {
    const vendor = await makeUser({ roles: [], employmentType: "vendor" });
    const result = await grantRole(await contextFor(ownerId), { userId: vendor.id, roleKey: "vendor", expiresAt: daysAhead(120), reason: "Annual contract" });
    expect(await lastAudit("grant.create")).toMatchObject({ actorId: ownerId, targetId: result.id, after: { role: "vendor", expiresAt: `${daysAhead(120)}T23:59:59.999Z` } });
  });

  it("needs an end date for the Vendor role", async () => {
    const employee = await makeUser({ roles: [] });
    await expect(grantRole(await contextFor(adminId), { userId: employee.id, roleKey: "vendor", reason: "Outsourced desk" })).rejects.toMatchObject({ code: "VALIDATION" });
    await grantRole(await contextFor(adminId), { userId: employee.id, roleKey: "vendor", expiresAt: daysAhead(30), reason: "Outsourced desk" });
    expect(await grantsOf(employee.id)).toHaveLength(1);
  });

  it("rejects a duplicate active grant", async () => {
    const team = await makeTeam();
    const user = await makeUser({ roles: ["responder"] });
    const admin = await contextFor(adminId);

    await expect(grantRole(admin, { userId: user.id, roleKey: "responder", reason: "Again" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already holds Responder for all teams"),
    });
    await grantRole(admin, { userId: user.id, roleKey: "responder", teamId: team.id, reason: "Team scope is a different grant" });
    await expect(grantRole(admin, { userId: user.id, roleKey: "responder", teamId: team.id, reason: "Again" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await grantsOf(user.id)).toHaveLength(2);
  });

  it("grants again after an earlier grant expired", async () => {
    const user = await makeUser({ roles: [{ role: "responder", expiresAt: new Date(Date.now() - DAY) }] });
    await grantRole(await contextFor(adminId), { userId: user.id, roleKey: "responder", reason: "Back on the rotation" });
    expect(await grantsOf(user.id)).toHaveLength(2);
  });

  it("grants to an invited user and rejects suspended or deactivated ones", async () => {
    const admin = await contextFor(adminId);
    const invited = await makeUser({ roles: [], status: "invited" });
    await grantRole(admin, { userId: invited.id, roleKey: "responder", reason: "Starts Monday" });

    for (const status of ["suspended", "deactivated", "purged"] as const) {
      const user = await makeUser({ roles: [], status });
      await expect(grantRole(admin, { userId: user.id, roleKey: "responder", reason: "Needs access" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining(`is ${status}`),
      });
    }
  });

  it("validates the reason, role and team", async () => {
    const user = await makeUser({ roles: [] });
    const admin = await contextFor(adminId);

    await expect(grantRole(admin, { userId: user.id, roleKey: "responder", reason: "   " })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: ["Enter a reason."] } });
    await expect(grantRole(admin, { userId: user.id, roleKey: "responder", reason: "x".repeat(501) })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: ["Use at most 500 characters."] } });
    await expect(grantRole(admin, { userId: user.id, reason: "No role" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { roleId: ["Pick a role."] } });
    await expect(grantRole(admin, { userId: user.id, roleKey: "superuser", reason: "Unknown role" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(grantRole(admin, { userId: user.id, roleKey: "responder", teamId: "team_missing", reason: "Unknown team" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(grantRole(admin, { userId: user.id, roleKey: "responder", expiresAt: daysAhead(-2), reason: "Past end" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(grantRole(admin, { userId: "user_missing", roleKey: "responder", reason: "Unknown user" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await grantsOf(user.id)).toHaveLength(0);
  });
});

describe("endGrant", () => {
  it("lets an admin end a grant, with its audit event", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const grantId = await grantIdOf(user.id, "responder");

    await endGrant(await contextFor(adminId), { grantId, reason: "Left the rotation" });
    const [grant] = await grantsOf(user.id);
    expect(grant).toMatchObject({ endedBy: adminId, endReason: "Left the rotation" });
    expect(grant.endedAt).toBeInstanceOf(Date);
    const event = await lastAudit("grant.end");
    expect(event).toMatchObject({ actorId: adminId, targetType: "grant", targetId: grantId });
    expect(event.before).toMatchObject({ userId: user.id, role: "responder", teamId: null, endedAt: null });
    expect(event.after).toMatchObject({ endedAt: grant.endedAt?.toISOString(), endedBy: adminId, endReason: "Left the rotation" });
  });

  it("rejects a responder with FORBIDDEN", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const grantId = await grantIdOf(user.id, "responder");
    const ends = await auditCount("grant.end");
    const denials = await auditCount("access.denied");

    await expect(endGrant(await contextFor(responderId), { grantId, reason: "No" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [grant] = await grantsOf(user.id);
    expect(grant.endedAt).toBeNull();
    expect(await auditCount("grant.end")).toBe(ends);
    expect(await auditCount("access.denied")).toBe(denials);
  });

  it("reports an already ended grant", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const grantId = await grantIdOf(user.id, "responder");
    const admin = await contextFor(adminId);
    await endGrant(admin, { grantId, reason: "Left" });
    const ends = await auditCount("grant.end");

    await expect(endGrant(admin, { grantId, reason: "Left again" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already ended") });
    expect(await auditCount("grant.end")).toBe(ends);
  });

  it("needs a reason and an existing grant", async () => {
    const user = await makeUser({ roles: ["responder"] });
    const grantId = await grantIdOf(user.id, "responder");
    const admin = await contextFor(adminId);

    await expect(endGrant(admin, { grantId, reason: "" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: ["Enter a reason."] } });
    await expect(endGrant(admin, { grantId: "grant_missing", reason: "Gone" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a user end their own grant", async () => {
    const admin = await makeUser({ roles: ["admin", "responder"] });
    const grantId = await grantIdOf(admin.id, "responder");
    await endGrant(await contextFor(admin.id), { grantId, reason: "No longer on call" });
    expect(await lastAudit("grant.end")).toMatchObject({ actorId: admin.id, targetId: grantId });
  });

  it("lets only an Owner end an Owner grant", async () => {
    const second = await makeUser({ roles: ["owner"] });
    const grantId = await grantIdOf(second.id, "owner");

    await expect(endGrant(await contextFor(adminId), { grantId, reason: "Demote" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only an Owner can end an Owner grant." });
    await endGrant(await contextFor(ownerId), { grantId, reason: "Demote" });
    expect(await lastAudit("grant.end")).toMatchObject({ actorId: ownerId, targetId: grantId, before: { role: "owner" } });
  });

  it("lets an Owner end their own Owner grant while another Owner remains", async () => {
    const leaving = await makeUser({ roles: ["owner"] });
    const grantId = await grantIdOf(leaving.id, "owner");
    await endGrant(await contextFor(leaving.id), { grantId, reason: "Handing over" });
    expect(await lastAudit("grant.end")).toMatchObject({ actorId: leaving.id, targetId: grantId });
  });

  it("keeps the last Owner's grant", async () => {
    const last = await makeUser({ roles: ["owner"] });
    await leaveOnlyOwners(last.id);
    const grantId = await grantIdOf(last.id, "owner");
    const ends = await auditCount("grant.end");

    await expect(endGrant(await contextFor(last.id), { grantId, reason: "Leaving" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("last active Owner") });
    expect(await activeOwnerCount()).toBe(1);
    expect(await auditCount("grant.end")).toBe(ends);
  });

  it("leaves one Owner when the last two end at once", async () => {
    const first = await makeUser({ roles: ["owner"] });
    const second = await makeUser({ roles: ["owner"] });
    await leaveOnlyOwners(first.id, second.id);
    const [firstGrant, secondGrant] = [await grantIdOf(first.id, "owner"), await grantIdOf(second.id, "owner")];
    const [firstCtx, secondCtx] = [await contextFor(first.id), await contextFor(second.id)];
    const ends = await auditCount("grant.end");

    // Each Owner removes the other one, which a check outside the Owner lock would let both pass.
    const settle = (run: Promise<unknown>) => run.then(() => "ended" as const, (error: { code?: string }) => error.code);
    const outcomes = await Promise.all([
      settle(endGrant(firstCtx, { grantId: secondGrant, reason: "Cleanup" })),
      settle(endGrant(secondCtx, { grantId: firstGrant, reason: "Cleanup" })),
    ]);

    expect(outcomes.sort()).toEqual(["CONFLICT", "ended"]);
    expect(await activeOwnerCount()).toBe(1);
    expect(await auditCount("grant.end")).toBe(ends + 1);
  });
});

describe("grantFormOptions", () => {
  it("offers Owner only to Owners", async () => {
    const user = await makeUser({ roles: [] });
    const target = { id: user.id, employmentType: "employee" as const };

    const forAdmin = await grantFormOptions(await contextFor(adminId), target);
    const adminGlobal = forAdmin.scopes.find((s) => s.value === "");
    expect(adminGlobal?.roleIds).toContain("role_responder");
    expect(adminGlobal?.roleIds).not.toContain("role_owner");
    expect(forAdmin.selfGrant).toBe(false);

    // A new Owner, because the last-Owner tests above ended the shared Owner's grant.
    const owner = await makeUser({ roles: ["owner"] });
    const forOwner = await grantFormOptions(await contextFor(owner.id), target);
    expect(forOwner.scopes.find((s) => s.value === "")?.roleIds).toContain("role_owner");
    expect(forOwner.roles.find((r) => r.id === "role_vendor")?.needsEndDate).toBe(true);
  });

  it("marks a self-grant and rejects a responder", async () => {
    const self = await grantFormOptions(await contextFor(adminId), { id: adminId, employmentType: "employee" });
    expect(self.selfGrant).toBe(true);
    await expect(grantFormOptions(await contextFor(responderId), { id: adminId, employmentType: "employee" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
