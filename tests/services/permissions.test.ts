import { asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import type { Severity } from "@/db/types";
import { ALL_PERMISSIONS, type Permission } from "@/lib/permissions/catalog";
import { permissionList } from "@/lib/permissions/check";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import type { ServiceContext } from "@/lib/services/context";
import { getDashboardSummary } from "@/lib/services/dashboard/summary";
import { closeIncident } from "@/lib/services/incidents/close";
import { getIncident } from "@/lib/services/incidents/get";
import { incidentListQuery, listIncidents } from "@/lib/services/incidents/list";
import { updateIncident } from "@/lib/services/incidents/update";
import { listUsers, userListQuery } from "@/lib/services/users/list";
import { contextFor, makeTeam, makeUser } from "../factory";

const RESPONDER: Permission[] = ["dashboard.view", "incident.close", "incident.update", "incident.view", "incident.view_sensitive", "review.decide"];

// Written out by hand rather than read from roles.ts, so an accidental edit of a built-in role fails here.
const EXPECTED: Record<string, Permission[]> = {
  owner: [...ALL_PERMISSIONS],
  admin: [...ALL_PERMISSIONS],
  incident_commander: [...RESPONDER, "incident.close_major", "schedule.manage"],
  responder: RESPONDER,
  manager: ["dashboard.view", "incident.view", "review.decide", "schedule.manage", "user.view"],
  auditor: ["audit.export", "audit.view", "user.view"],
  executive_viewer: ["dashboard.view"],
  vendor: ["incident.update_assigned", "incident.view_assigned"],
};

let teamId: string;
let otherTeamId: string;
let incidentNumber = 100;
const contexts: Record<string, ServiceContext> = {};

async function makeIncident(severity: Severity, options: { team?: string; assigneeId?: string } = {}) {
  incidentNumber += 1;
  const id = `inc_perm_${incidentNumber}`;
  const now = new Date();
  await transaction((tx) =>
    tx.insert(t.incidents).values({
      id, number: incidentNumber, title: `Secret title ${incidentNumber}`, severity, status: "investigating",
      teamId: options.team ?? teamId, assigneeId: options.assigneeId ?? null, summary: `Secret summary ${incidentNumber}`,
      customerImpact: `Secret impact ${incidentNumber}`, internalNotes: `Secret notes ${incidentNumber}`, createdAt: now, updatedAt: now,
    }),
  );
  return id;
}

async function incidentStatus(id: string) {
  const [row] = await db.select({ status: t.incidents.status, version: t.incidents.version }).from(t.incidents).where(eq(t.incidents.id, id));
  return row;
}

async function auditCount() {
  const [row] = await db.select({ n: count() }).from(t.auditEvents);
  return Number(row.n);
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  otherTeamId = (await makeTeam()).id;
  for (const role of BUILT_IN_ROLES) {
    contexts[role.key] = await contextFor((await makeUser({ roles: [role.key], teamId })).id);
  }
});

describe("built-in roles", () => {
  it("are the eight expected roles", () => {
    expect(BUILT_IN_ROLES.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("are stored with their permissions", async () => {
    const rows = await db.select().from(t.rolePermissions).orderBy(asc(t.rolePermissions.permission));
    for (const [key, permissions] of Object.entries(EXPECTED)) {
      const stored = rows.filter((r) => r.roleId === `role_${key}`).map((r) => r.permission);
      expect(stored.sort(), key).toEqual([...permissions].sort());
    }
  });

  for (const [key, permissions] of Object.entries(EXPECTED)) {
    it(`${key} loads its permissions`, () => {
      expect(permissionList(contexts[key].actor)).toEqual([...permissions].sort());
      expect([...contexts[key].actor.roleKeys]).toEqual([key]);
    });
  }

  it("executive_viewer holds only dashboard.view", () => {
    expect(permissionList(contexts.executive_viewer.actor)).toEqual(["dashboard.view"]);
  });

  it("only owner, admin and incident_commander close major incidents", () => {
    const closers = Object.keys(contexts).filter((key) => contexts[key].actor.global.has("incident.close_major"));
    expect(closers.sort()).toEqual(["admin", "incident_commander", "owner"]);
  });
});

describe("responder", () => {
  it("views, lists and updates incidents", async () => {
    const id = await makeIncident("SEV2");
    const ctx = contexts.responder;

    const view = await getIncident(ctx, id);
    expect(view.allowed).toEqual({ update: true, assign: true, close: false, seeSensitive: true });
    const list = await listIncidents(ctx, incidentListQuery.parse({}));
    expect(list.rows.map((r) => r.id)).toContain(id);

    const updated = await updateIncident(ctx, { id, version: 1, status: "mitigated", summary: "Rolled back the deploy" });
    expect(updated.version).toBe(2);
    expect(await incidentStatus(id)).toEqual({ status: "mitigated", version: 2 });
  });

  for (const severity of ["SEV1", "SEV2"] as const) {
    it(`cannot close a ${severity}`, async () => {
      const id = await makeIncident(severity);
      const events = await auditCount();

      await expect(closeIncident(contexts.responder, { id })).rejects.toMatchObject({ code: "FORBIDDEN" });

      expect(await incidentStatus(id)).toEqual({ status: "investigating", version: 1 });
      expect(await auditCount()).toBe(events);
    });
  }

  for (const severity of ["SEV3", "SEV4"] as const) {
    it(`closes a ${severity}`, async () => {
      const id = await makeIncident(severity);

      await closeIncident(contexts.responder, { id });

      expect((await incidentStatus(id)).status).toBe("closed");
    });
  }

  it("cannot list users", async () => {
    await expect(listUsers(contexts.responder, userListQuery.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("incident_commander", () => {
  for (const severity of ["SEV1", "SEV2"] as const) {
    it(`closes a ${severity} with an audit event`, async () => {
      const id = await makeIncident(severity);
      const events = await auditCount();

      await closeIncident(contexts.incident_commander, { id, resolutionNote: "Root cause fixed" });

      expect((await incidentStatus(id)).status).toBe("closed");
      expect(await auditCount()).toBe(events + 1);
      const [event] = await db.select().from(t.auditEvents).where(eq(t.auditEvents.targetId, id));
      expect(event).toMatchObject({ action: "incident.close", actorId: contexts.incident_commander.actor.id });
      expect(event.after).toEqual({ status: "closed", severity, note: "Root cause fixed" });
    });
  }

  it("closes a major incident only in the team of a scoped grant", async () => {
    const scoped = await contextFor((await makeUser({ roles: ["responder", { role: "incident_commander", teamId: otherTeamId }] })).id);
    const own = await makeIncident("SEV1", { team: otherTeamId });
    const foreign = await makeIncident("SEV1");

    await expect(closeIncident(scoped, { id: foreign })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await closeIncident(scoped, { id: own });

    expect((await incidentStatus(own)).status).toBe("closed");
    expect((await incidentStatus(foreign)).status).toBe("investigating");
  });
});

describe("executive_viewer", () => {
  it("sees the dashboard without incident text", async () => {
    await makeIncident("SEV1");
    await makeIncident("SEV3");

    const summary = await getDashboardSummary(contexts.executive_viewer);

    expect(summary.openTotal).toBeGreaterThanOrEqual(2);
    expect(summary.majorOpen).toBeGreaterThanOrEqual(1);
    const json = JSON.stringify(summary);
    const [incident] = await db.select().from(t.incidents).limit(1);
    for (const text of [incident.title, incident.summary, incident.customerImpact!, incident.internalNotes!]) {
      expect(json).not.toContain(text);
    }
    expect(json).not.toMatch(/Secret (title|summary|impact|notes)/);
  });

  it("cannot get, list, update or close incidents", async () => {
    const ctx = contexts.executive_viewer;
    const id = await makeIncident("SEV4");
    const events = await auditCount();

    await expect(getIncident(ctx, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listIncidents(ctx, incidentListQuery.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateIncident(ctx, { id, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Closing reports the incident as missing, so the rejection does not even confirm that it exists.
    await expect(closeIncident(ctx, { id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await incidentStatus(id)).toEqual({ status: "investigating", version: 1 });
    expect(await auditCount()).toBe(events);
  });

  it("cannot list users", async () => {
    await expect(listUsers(contexts.executive_viewer, userListQuery.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("dashboard", () => {
  for (const role of ["auditor", "vendor"]) {
    it(`is refused to ${role}`, async () => {
      await expect(getDashboardSummary(contexts[role])).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
  }
});

describe("manager", () => {
  it("views incidents but cannot update or close them", async () => {
    const id = await makeIncident("SEV3");
    const ctx = contexts.manager;

    const view = await getIncident(ctx, id);

    expect(view.allowed).toEqual({ update: false, assign: false, close: false, seeSensitive: false });
    expect(view.sensitive).toBeUndefined();
    await expect(updateIncident(ctx, { id, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(closeIncident(ctx, { id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("vendor", () => {
  it("sees and updates only the incidents assigned to them", async () => {
    const ctx = contexts.vendor;
    const assigned = await makeIncident("SEV3", { assigneeId: ctx.actor.id! });
    const other = await makeIncident("SEV3");

    const list = await listIncidents(ctx, incidentListQuery.parse({ perPage: 100 }));
    expect(list.rows.map((r) => r.id)).toEqual([assigned]);
    expect(list.total).toBe(1);

    await expect(getIncident(ctx, other)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateIncident(ctx, { id: other, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await updateIncident(ctx, { id: assigned, version: 1, status: "mitigated" });
    expect((await incidentStatus(assigned)).status).toBe("mitigated");
    await expect(closeIncident(ctx, { id: assigned })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("cannot touch the sensitive fields", async () => {
    const ctx = contexts.vendor;
    const id = await makeIncident("SEV4", { assigneeId: ctx.actor.id! });

    const view = await getIncident(ctx, id);

    expect(view.sensitive).toBeUndefined();
    await expect(updateIncident(ctx, { id, version: 1, internalNotes: "edited" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("team-scoped responder", () => {
  it("sees and updates only incidents of that team", async () => {
    const ctx = await contextFor((await makeUser({ roles: [{ role: "responder", teamId: otherTeamId }] })).id);
    const inTeam = await makeIncident("SEV3", { team: otherTeamId });
    const outside = await makeIncident("SEV3");

    const list = await listIncidents(ctx, incidentListQuery.parse({ perPage: 100 }));
    const [inScope] = await db.select({ n: count() }).from(t.incidents).where(eq(t.incidents.teamId, otherTeamId));
    expect(list.total).toBe(Number(inScope.n));
    expect(list.rows.map((r) => r.id)).toContain(inTeam);
    expect(list.rows.map((r) => r.id)).not.toContain(outside);

    await updateIncident(ctx, { id: inTeam, version: 1, status: "mitigated" });
    await expect(getIncident(ctx, outside)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateIncident(ctx, { id: outside, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The scoped grant carries no dashboard.view for the whole organization.
    await expect(getDashboardSummary(ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
