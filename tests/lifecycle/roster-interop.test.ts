import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database, db, t, transaction } from "@/db";
import { createRosterImport, getRosterImport, previewRosterImport, updateRosterOptions } from "@/lib/services/roster/batches";
import { commitRosterImport } from "@/lib/services/roster/commit";
import { saveTemplate } from "@/lib/services/onboarding/templates";
import { contextFor, makeTeam, makeUser } from "../factory";
import { bytesOf, importRoster, lastAudit, userByEmail } from "./helpers";

let ownerId: string;
let adminId: string;

beforeAll(async () => {
  ownerId = (await makeUser({ roles: ["owner"] })).id;
  adminId = (await makeUser({ roles: ["admin"] })).id;
});

describe("BR-18 Excel output", () => {
  it("reads a file with a byte order mark", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf("email,first_name,last_name,role\r\nlena.fischer@corp.example,Lena,Fischer,responder\r\n")]);
    const { report } = await importRoster(await contextFor(ownerId), bytes);
    expect(report.counts).toMatchObject({ rows: 1, create: 1, reject: 0 });
    const lena = await userByEmail("lena.fischer@corp.example");
    expect(lena).toMatchObject({ email: "lena.fischer@corp.example", name: "Lena Fischer", source: "csv" });
  });

  it("detects a semicolon delimiter and keeps all four fields", async () => {
    const { preview, report } = await importRoster(await contextFor(ownerId), bytesOf("email;first_name;last_name;role\njonas.weber@corp.example;Jonas;Weber;viewer\n"));
    expect(preview.plan.delimiter).toBe(";");
    expect(report.counts.create).toBe(1);
    const jonas = await userByEmail("jonas.weber@corp.example");
    expect(jonas.name).toBe("Jonas Weber");
    const [grant] = await db.select({ key: t.roles.key }).from(t.grants).innerJoin(t.roles, eq(t.roles.id, t.grants.roleId)).where(eq(t.grants.userId, jonas.id));
    expect(grant.key).toBe("executive_viewer");
  });

  it("never imports a whole line as the email", async () => {
    const ctx = await contextFor(ownerId);
    const { id } = await createRosterImport(ctx, { fileName: "b.csv", bytes: bytesOf("email;first_name;last_name;role\nanna.berg@corp.example;Anna;Berg;viewer\n"), options: { delimiter: "," } });
    const preview = await previewRosterImport(ctx, id);
    expect(preview.plan.missing).toContain("Full name, or first and last name");
    expect(preview.plan.rows).toHaveLength(0);
    await expect(commitRosterImport(ctx, { id, digest: preview.plan.digest })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await userByEmail("anna.berg@corp.example")).toBeUndefined();
  });
});

describe("BR-20 duplicate emails", () => {
  it("matches case and space variants to one person", async () => {
    await makeUser({ email: "mina.park@corp.example", name: "Mina Park" });
    const csv = "email,first_name,last_name\nMina.Park@Corp.Example,Mina,Park\n leo.grant@corp.example ,Leo,Grant\nLEO.GRANT@corp.example,Leo,Grant\n";
    const { report } = await importRoster(await contextFor(ownerId), bytesOf(csv));
    expect(report.counts).toMatchObject({ rows: 3, create: 1, unchanged: 1, reject: 1 });
    expect(report.rejected).toEqual([{ rowNumber: 4, email: "leo.grant@corp.example", errors: [{ column: "email", message: "Duplicate of row 3: the emails differ only by letter case or spaces." }] }]);
    const leo = await userByEmail("leo.grant@corp.example");
    expect(leo.email).toBe("leo.grant@corp.example");
  });

  it("enforces lower-case uniqueness in the schema", async () => {
    const now = new Date();
    const insert = transaction((tx) =>
      tx.insert(t.users).values({ id: "dup-mina", email: "MINA.PARK@corp.example", name: "Mina", employmentType: "employee", status: "active", source: "manual", createdAt: now, updatedAt: now }),
    );
    await expect(insert).rejects.toThrow();
    const rows = await database().rows<{ n: number }>(sql`select count(*) as n from users where lower(email) = 'mina.park@corp.example'`);
    expect(Number(rows[0].n)).toBe(1);
  });
});

describe("roster validation", () => {
  it("keeps valid rows when others are invalid", async () => {
    const csv = [
      "Work Email,Legal Name,Worker Type,Hire Date,End Date,Department",
      "ok.one@corp.example,Ok One,Employee,2024-01-02,,Ops",
      "bad.type@corp.example,Bad Type,Intern,2024-01-02,,Ops",
      "bad.date@corp.example,Bad Date,Employee,03/04/2024,,Ops",
      "no.end@corp.example,No End,Contractor,2024-01-02,,Ops",
      "ok.two@corp.example,\"Ok, Two\",Employee,2024-01-02,,Ops",
    ].join("\n");
    const { report } = await importRoster(await contextFor(ownerId), bytesOf(csv));
    expect(report.counts).toMatchObject({ create: 2, reject: 3 });
    expect(report.rejected.map((r) => [r.rowNumber, r.errors[0].column])).toEqual([
      [3, "Worker Type"],
      [4, "Hire Date"],
      [5, "End Date"],
    ]);
    expect((await userByEmail("ok.two@corp.example")).name).toBe("Ok, Two");
  });

  it("reads other date formats only when picked", async () => {
    const ctx = await contextFor(ownerId);
    const csv = "Work Email,Legal Name,Hire Date\nday.first@corp.example,Day First,03/04/2024\n";
    const { report } = await importRoster(ctx, bytesOf(csv), { dateFormat: "dmy" });
    expect(report.counts.create).toBe(1);
    expect((await userByEmail("day.first@corp.example")).startDate).toBe("2024-04-03");
  });

  it("keeps quoted newlines and NFC names", async () => {
    const decomposed = "Rene\u0301e Mu\u0308ller";
    const csv = `Work Email,Legal Name,Job Title\nrenee.muller@corp.example,${decomposed},"On-call
Lead"\n`;
    const { report } = await importRoster(await contextFor(ownerId), bytesOf(csv));
    expect(report.counts.create).toBe(1);
    const renee = await userByEmail("renee.muller@corp.example");
    expect(renee.name).toBe("Renée Müller");
    expect(renee.name).toBe(renee.name.normalize("NFC"));
    expect(renee.title).toBe("On-call\nLead");
  });

  it("maps differing headers by choice", async () => {
    const ctx = await contextFor(ownerId);
    const { id } = await createRosterImport(ctx, { fileName: "m.csv", bytes: bytesOf("Courriel,Nom complet\nmapped.person@corp.example,Mapped Person\n") });
    const before = await previewRosterImport(ctx, id);
    expect(before.plan.missing).toEqual(["Work email", "Full name, or first and last name"]);
    await updateRosterOptions(ctx, { id, options: { delimiter: "auto", dateFormat: "iso", mapping: { email: 0, name: 1 } } });
    const after = await previewRosterImport(ctx, id);
    expect(after.plan.counts.create).toBe(1);
    await commitRosterImport(ctx, { id, digest: after.plan.digest });
    expect((await userByEmail("mapped.person@corp.example")).name).toBe("Mapped Person");
  });

  it("rejects a commit after the directory changed", async () => {
    const ctx = await contextFor(ownerId);
    const { id } = await createRosterImport(ctx, { fileName: "c.csv", bytes: bytesOf("email,name\nlate.comer@corp.example,Late Comer\n") });
    const preview = await previewRosterImport(ctx, id);
    await makeUser({ email: "late.comer@corp.example" });
    await expect(commitRosterImport(ctx, { id, digest: preview.plan.digest })).rejects.toMatchObject({ code: "CONFLICT" });
    const [batch] = await db.select({ status: t.rosterImports.status }).from(t.rosterImports).where(eq(t.rosterImports.id, id));
    expect(batch.status).toBe("previewed");
  });

  it("caps an Admin's contractor access at 90 days with a warning", async () => {
    const now = new Date("2026-12-04T12:00:00Z");
    const ctx = { ...(await contextFor(adminId)), now };
    const csv = "Work Email,Legal Name,Worker Type,End Date\nlong.contract@corp.example,Long Contract,Contractor,2027-06-30\n";
    const { report } = await importRoster(ctx, bytesOf(csv));
    expect(report.counts.create).toBe(1);
    expect(report.warnings[0].warnings[0].message).toContain("2027-03-04");
    const user = await userByEmail("long.contract@corp.example");
    expect(user.endDate).toBe("2027-06-30");
    const [grant] = await db.select().from(t.grants).where(eq(t.grants.userId, user.id));
    expect(grant.expiresAt?.toISOString()).toBe("2027-03-04T23:59:59.999Z");
    const event = await lastAudit("user.import");
    expect(event.actorId).toBe(adminId);
  });

  it("rejects a role the importer cannot grant", async () => {
    const csv = "email,name,role\nwould.be.owner@corp.example,Would Be,Owner\n";
    const { report } = await importRoster(await contextFor(adminId), bytesOf(csv));
    expect(report.counts.reject).toBe(1);
    expect(report.rejected[0].errors[0].message).toBe("Only an Owner can grant the Owner role.");
  });

  it("applies the team's template to new rows", async () => {
    const ctx = await contextFor(ownerId);
    const team = await makeTeam("Templated Ops");
    const scheduleId = crypto.randomUUID();
    await transaction((tx) => tx.insert(t.oncallSchedules).values({ id: scheduleId, teamId: team.id, name: "Templated primary", shiftHours: 12, createdAt: new Date() }));
    await saveTemplate(ctx, { teamId: team.id, roles: [{ roleId: "role_responder", teamScoped: false }, { roleId: "role_manager", teamScoped: true }], scheduleIds: [scheduleId] });
    const { report } = await importRoster(ctx, bytesOf("email,name,department\ntemplated.one@corp.example,Templated One,templated ops\n"));
    expect(report.counts.create).toBe(1);
    const user = await userByEmail("templated.one@corp.example");
    expect(user.teamId).toBe(team.id);
    const grants = await db.select({ key: t.roles.key, teamId: t.grants.teamId }).from(t.grants).innerJoin(t.roles, eq(t.roles.id, t.grants.roleId)).where(eq(t.grants.userId, user.id));
    expect(grants.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "manager", teamId: team.id },
      { key: "responder", teamId: null },
    ]);
    const [member] = await db.select().from(t.scheduleMembers).where(eq(t.scheduleMembers.userId, user.id));
    expect(member).toMatchObject({ scheduleId, position: 0 });
    expect((await lastAudit("schedule.update")).targetId).toBe(scheduleId);
  });

  it("shows the stored report after commit", async () => {
    const ctx = await contextFor(ownerId);
    const { id } = await importRoster(ctx, bytesOf("email,name\nreport.reader@corp.example,Report Reader\n"));
    const page = await getRosterImport(ctx, id);
    expect(page.status).toBe("committed");
    expect(page.plan).toBeNull();
    expect(page.report).toMatchObject({ counts: { create: 1 } });
    await expect(previewRosterImport(ctx, id)).rejects.toMatchObject({ code: "CONFLICT" });
    const other = await contextFor(adminId);
    await expect(getRosterImport(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an import from a manager", async () => {
    const manager = await makeUser({ roles: ["manager"] });
    await expect(createRosterImport(await contextFor(manager.id), { fileName: "x.csv", bytes: bytesOf("email,name\nx@corp.example,X\n") })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
