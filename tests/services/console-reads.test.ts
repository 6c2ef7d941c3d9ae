import { beforeAll, describe, expect, it } from "vitest";
import { t, transaction } from "@/db";
import { recordAudit } from "@/lib/services/audit/emit";
import { listAuditEvents, auditListQuery } from "@/lib/services/audit/list";
import { systemContext } from "@/lib/services/context";
import { listAssignableUsers } from "@/lib/services/incidents/assignees";
import { listUserFilterOptions } from "@/lib/services/users/filter-options";
import { contextFor, makeTeam, makeUser } from "../factory";

let teamId: string;
let otherTeamId: string;
let auditorId: string;
let responderId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  otherTeamId = (await makeTeam()).id;
  auditorId = (await makeUser({ roles: ["auditor"] })).id;
  responderId = (await makeUser({ roles: ["responder"], teamId })).id;

  // Twenty-five events of a known action, so pages of ten end in a partial page.
  await transaction(async (tx) => {
    for (let i = 0; i < 25; i++) await recordAudit(tx, systemContext("test"), { action: "settings.update", target: { type: "setting", id: `s${i}` } });
  });
});

describe("listAuditEvents", () => {
  it("pages newest first in both directions", async () => {
    const ctx = await contextFor(auditorId);
    const query = auditListQuery.parse({ perPage: "10", action: "settings.update" });

    const first = await listAuditEvents(ctx, query);
    expect(first.rows).toHaveLength(10);
    expect(first.newerThan).toBeNull();
    expect(first.olderThan).not.toBeNull();
    const ids = first.rows.map((row) => row.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const second = await listAuditEvents(ctx, { ...query, before: first.olderThan! });
    expect(second.rows[0].id).toBeLessThan(ids[ids.length - 1]);
    expect(second.newerThan).toBe(second.rows[0].id);

    const third = await listAuditEvents(ctx, { ...query, before: second.olderThan! });
    expect(third.rows).toHaveLength(5);
    expect(third.olderThan).toBeNull();

    const back = await listAuditEvents(ctx, { ...query, before: undefined, after: second.newerThan! });
    expect(back.rows.map((row) => row.id)).toEqual(ids);
    expect(back.newerThan).toBeNull();
  });

  it("rejects an actor without audit.view", async () => {
    const ctx = await contextFor(responderId);
    await expect(listAuditEvents(ctx, auditListQuery.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("falls back to defaults for junk query values", () => {
    expect(auditListQuery.parse({ before: "abc", perPage: "100000", action: "drop table" })).toEqual({ perPage: 50 });
  });
});

describe("listUserFilterOptions", () => {
  it("lists teams and roles for directory readers", async () => {
    const ctx = await contextFor(auditorId);
    const options = await listUserFilterOptions(ctx);
    expect(options.teams.map((team) => team.id)).toContain(teamId);
    expect(options.roles.map((role) => role.key)).toContain("responder");
  });

  it("rejects an actor without user.view", async () => {
    const ctx = await contextFor(responderId);
    await expect(listUserFilterOptions(ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("listAssignableUsers", () => {
  it("offers team members and commanders", async () => {
    const teammateId = (await makeUser({ roles: ["responder"], teamId })).id;
    const outsiderId = (await makeUser({ roles: ["responder"], teamId: otherTeamId })).id;
    const commanderId = (await makeUser({ roles: ["incident_commander"], teamId: otherTeamId })).id;
    const inactiveId = (await makeUser({ roles: ["responder"], teamId, status: "suspended" })).id;
    const incidentId = `inc_assign_${Date.now()}`;
    const now = new Date();
    await transaction((tx) =>
      tx.insert(t.incidents).values({ id: incidentId, number: 90_001, title: "Queue stalled", severity: "SEV3", status: "triggered", teamId, summary: "Queue stalled", createdAt: now, updatedAt: now }),
    );

    const people = (await listAssignableUsers(await contextFor(responderId), incidentId)).map((person) => person.id);

    expect(people).toContain(teammateId);
    expect(people).toContain(commanderId);
    expect(people).toContain(responderId);
    expect(people).not.toContain(outsiderId);
    expect(people).not.toContain(inactiveId);
  });

  it("reports NOT_FOUND to an actor who cannot view the incident", async () => {
    const incidentId = `inc_assign_denied_${Date.now()}`;
    const now = new Date();
    await transaction((tx) =>
      tx.insert(t.incidents).values({ id: incidentId, number: 90_002, title: "Disk full", severity: "SEV4", status: "triggered", teamId, summary: "Disk full", createdAt: now, updatedAt: now }),
    );
    await expect(listAssignableUsers(await contextFor(auditorId), incidentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
