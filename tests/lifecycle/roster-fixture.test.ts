import { and, count, eq, inArray, isNull, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t } from "@/db";
import { verifyAuditChain } from "@/lib/services/audit/verify";
import { createRosterImport } from "@/lib/services/roster/batches";
import type { ImportReport } from "@/lib/services/roster/commit";
import { contextFor, makeUser } from "../factory";
import { auditCount, fixtureBytes, importRoster, lastAudit, userByEmail } from "./helpers";

// The fixture's contractors end between 2027-01 and 2027-07; a fixed "now" keeps those dates ahead.
const NOW = new Date("2026-12-04T12:00:00Z");

let ownerId: string;
let first: ImportReport;

beforeAll(async () => {
  ownerId = (await makeUser({ roles: ["owner"] })).id;
  const ctx = { ...(await contextFor(ownerId)), now: NOW };
  first = (await importRoster(ctx, fixtureBytes())).report;
}, 120_000);

describe("roster fixture import", () => {
  it("creates 1,498 users from 1,501 rows", async () => {
    expect(first.counts.rows).toBe(1501);
    expect(first.counts.create).toBe(1498);
    expect(first.counts.reject).toBe(3);
    const [row] = await db.select({ n: count() }).from(t.users).where(eq(t.users.source, "csv"));
    expect(Number(row.n)).toBe(1498);
  });

  it("rejects three rows with row number and reason", () => {
    const rejected = first.rejected.map((r) => ({ row: r.rowNumber, column: r.errors[0].column, message: r.errors[0].message }));
    expect(rejected).toEqual([
      { row: 19, column: "Work Email", message: "The email is missing." },
      { row: 21, column: "Work Email", message: '"not-an-email" is not a valid email address.' },
      { row: 1502, column: "Work Email", message: "Duplicate of row 9: the emails differ only by letter case or spaces." },
    ]);
  });

  it("keeps plus addressing as a distinct user", async () => {
    const user = await userByEmail("ethan.martin+oncall@corp.example");
    expect(user?.name).toBe("Ethan Martin");
    expect(user?.status).toBe("invited");
  });

  it("warns about exactly two unknown managers", async () => {
    const managerWarnings = first.warnings.flatMap((w) => w.warnings.filter((x) => x.column === "Manager Email").map((x) => ({ row: w.rowNumber, message: x.message })));
    const unknown = new Set(managerWarnings.map((w) => /Manager (\S+) is not/.exec(w.message)?.[1]));
    expect([...unknown].sort()).toEqual(["fatima.hoffmann@corp.example", "former.manager@corp.example"]);
    const omar = await userByEmail("omar.nguyen@corp.example");
    expect(omar.managerId).toBeNull();
  });

  it("links managers that appear later in the file", async () => {
    const jose = await userByEmail("jose.rossi@corp.example");
    const manager = await userByEmail("omar.obrien@corp.example");
    expect(jose.managerId).toBe(manager.id);
  });

  it("gives contractors and vendors access ending on their End Date", async () => {
    const omar = await userByEmail("omar.nguyen@corp.example");
    expect(omar.employmentType).toBe("contractor");
    expect(omar.endDate).toBe("2027-04-21");
    const grants = await db.select().from(t.grants).where(eq(t.grants.userId, omar.id));
    expect(grants).toHaveLength(1);
    expect(grants[0].expiresAt?.toISOString()).toBe("2027-04-21T23:59:59.999Z");

    const contract = await db
      .select({ endDate: t.users.endDate, expiresAt: t.grants.expiresAt })
      .from(t.users)
      .innerJoin(t.grants, eq(t.grants.userId, t.users.id))
      .where(and(eq(t.users.source, "csv"), inArray(t.users.employmentType, ["contractor", "vendor"])));
    expect(contract).toHaveLength(238);
    for (const row of contract) expect(row.expiresAt?.toISOString().slice(0, 10)).toBe(row.endDate);
  });

  it("gives vendors the Vendor role and others the least privileged role", async () => {
    const vendor = await userByEmail("mikko.weber@vendor-ops.example");
    const [grant] = await db.select({ key: t.roles.key }).from(t.grants).innerJoin(t.roles, eq(t.roles.id, t.grants.roleId)).where(eq(t.grants.userId, vendor.id));
    expect(grant.key).toBe("vendor");
    const employee = await userByEmail("vera.sato@corp.example");
    const [employeeGrant] = await db.select({ key: t.roles.key, expiresAt: t.grants.expiresAt }).from(t.grants).innerJoin(t.roles, eq(t.roles.id, t.grants.roleId)).where(eq(t.grants.userId, employee.id));
    expect(employeeGrant).toEqual({ key: "responder", expiresAt: null });
  });

  it("maps departments to seven teams with managers", async () => {
    expect(first.teamsCreated.sort()).toEqual(["Compliance", "Customer Success", "Executive", "Platform", "Security Operations", "Site Reliability", "Support Tier 1"]);
    const teams = await db.select({ id: t.teams.id, name: t.teams.name }).from(t.teams);
    for (const team of teams.filter((x) => first.teamsCreated.includes(x.name))) {
      const [managers] = await db.select({ n: count() }).from(t.teamManagers).where(eq(t.teamManagers.teamId, team.id));
      expect(Number(managers.n), team.name).toBeGreaterThan(0);
    }
  });

  it("stores non-ASCII names in NFC", async () => {
    const jose = await userByEmail("jose.rossi@corp.example");
    expect(jose.name).toBe("José Rossi".normalize("NFC"));
    const lukasz = await userByEmail("ukasz.andersson@corp.example");
    expect(lukasz.name).toBe("Łukasz Andersson");
    expect(lukasz.location).toBe("São Paulo, BR");
    const withComma = await userByEmail("mikko.hussein@corp.example");
    expect(withComma.title).toBe("Director, Customer Success");
  });

  it("writes one summary event and one event per user and grant", async () => {
    const summary = await lastAudit("user.import");
    expect(summary.actorId).toBe(ownerId);
    expect(summary.after).toMatchObject({ rows: 1501, created: 1498, rejected: 3 });
    expect(await auditCount("user.create")).toBe(1498);
    expect(await auditCount("grant.create")).toBeGreaterThanOrEqual(1498);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("creates nothing new on a second import", async () => {
    const ctx = { ...(await contextFor(ownerId)), now: NOW };
    const { report } = await importRoster(ctx, fixtureBytes());
    expect(report.counts).toMatchObject({ rows: 1501, create: 0, update: 0, unchanged: 1498, reject: 3 });
    expect(report.teamsCreated).toEqual([]);
    const [row] = await db.select({ n: count() }).from(t.users).where(eq(t.users.source, "csv"));
    expect(Number(row.n)).toBe(1498);
    const [grants] = await db.select({ n: count() }).from(t.grants).innerJoin(t.users, eq(t.users.id, t.grants.userId)).where(and(eq(t.users.source, "csv"), isNull(t.grants.endedAt)));
    expect(Number(grants.n)).toBe(1498);
  });

  it("reports a changed field as updated on re-import", async () => {
    const ctx = { ...(await contextFor(ownerId)), now: NOW };
    const text = new TextDecoder().decode(fixtureBytes()).replace("jose.rossi@corp.example,Support Engineer I", "jose.rossi@corp.example,Support Engineer II");
    const { report } = await importRoster(ctx, new TextEncoder().encode(text));
    expect(report.counts).toMatchObject({ create: 0, update: 1, unchanged: 1497 });
    expect(report.updated).toEqual([{ rowNumber: 2, email: "jose.rossi@corp.example", changes: ["title"] }]);
    const jose = await userByEmail("jose.rossi@corp.example");
    const event = await lastAudit("user.update");
    expect(event.targetId).toBe(jose.id);
    expect(event.before).toEqual({ title: "Support Engineer I" });
    expect(event.after).toMatchObject({ title: "Support Engineer II" });
  });

  it("refuses a responder", async () => {
    const responder = await makeUser({ roles: ["responder"] });
    const ctx = await contextFor(responder.id);
    await expect(createRosterImport(ctx, { fileName: "roster.csv", bytes: fixtureBytes() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [row] = await db.select({ n: count() }).from(t.rosterImports).where(like(t.rosterImports.createdBy, responder.id));
    expect(Number(row.n)).toBe(0);
  });
});
