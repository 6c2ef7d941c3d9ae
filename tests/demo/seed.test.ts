import { and, count, desc, eq, gt, isNotNull, lte } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { INCIDENT_STATUSES, SEVERITIES } from "@/db/types";
import { buildDemoPlan, DemoRefusedError, seedDemo } from "@/lib/demo";
import { DEACTIVATED_PAST_RETENTION, DEMO_RETENTION_DAYS, RECENT_DEACTIVATION_DAYS } from "@/lib/demo/people";
import { DEMO_PASSWORD, PERSONAS, type PersonaKey } from "@/lib/demo/personas";
import type { DemoPlan } from "@/lib/demo/types";
import { can } from "@/lib/permissions/check";
import { verifyAuditChain } from "@/lib/services/audit/verify";
import { verifyPassword } from "@/lib/services/auth/passwords";
import { DEFAULT_RETENTION_DAYS } from "@/lib/services/users/retention";
import { closeIncident } from "@/lib/services/incidents/close";
import { contextFor, makeUser } from "../factory";

const DAY = 86_400_000;
const OPEN = ["triggered", "acknowledged", "investigating", "mitigated"];
const NOW = new Date("2026-03-10T15:30:00Z");

let plan: DemoPlan;

beforeAll(() => {
  plan = buildDemoPlan({ now: NOW });
});

describe("demo plan", () => {
  it("is identical for the same seed and day", () => {
    const again = buildDemoPlan({ now: new Date("2026-03-10T01:00:00Z") });
    expect(again).toEqual(plan);
  });

  it("keeps ids and names on another day", () => {
    const later = buildDemoPlan({ now: new Date(NOW.getTime() + 3 * DAY) });
    expect(later.users.map((u) => [u.id, u.email, u.name])).toEqual(plan.users.map((u) => [u.id, u.email, u.name]));
    expect(later.incidents.map((i) => [i.id, i.title])).toEqual(plan.incidents.map((i) => [i.id, i.title]));
    expect(later.incidents[0].createdAt.getTime() - plan.incidents[0].createdAt.getTime()).toBe(3 * DAY);
  });

  it("changes with the seed", () => {
    const other = buildDemoPlan({ seed: 7, users: 200, now: NOW });
    expect(other.users.map((u) => u.email)).not.toEqual(buildDemoPlan({ users: 200, now: NOW }).users.map((u) => u.email));
  });

  it("has 2,000 users in teams with managers", () => {
    expect(plan.users).toHaveLength(2000);
    expect(plan.teams.length).toBeGreaterThanOrEqual(7);
    for (const team of plan.teams) {
      expect(plan.teamManagers.some((m) => m.teamId === team.id), team.name).toBe(true);
      expect(plan.users.filter((u) => u.teamId === team.id).length, team.name).toBeGreaterThan(2);
    }
    const withoutManager = plan.users.filter((u) => !u.managerId);
    expect(withoutManager.map((u) => u.title)).toEqual(["Chief Executive Officer"]);
    expect(new Set(plan.users.map((u) => u.email.toLowerCase())).size).toBe(plan.users.length);
  });

  it("mixes user statuses", () => {
    const statuses = new Map<string, number>();
    for (const u of plan.users) statuses.set(u.status, (statuses.get(u.status) ?? 0) + 1);
    expect(statuses.get("active")).toBeGreaterThan(1500);
    for (const status of ["invited", "suspended", "deactivated"]) expect(statuses.get(status), status).toBeGreaterThan(10);
  });

  it("keeps most deactivated users within retention", () => {
    const deactivated = plan.users.filter((u) => u.status === "deactivated");
    const ages = deactivated.map((u) => (NOW.getTime() - u.deactivatedAt!.getTime()) / DAY);

    expect(DEMO_RETENTION_DAYS).toBe(DEFAULT_RETENTION_DAYS);
    expect(ages.filter((age) => age > DEFAULT_RETENTION_DAYS)).toHaveLength(DEACTIVATED_PAST_RETENTION);
    expect(ages.filter((age) => age <= DEFAULT_RETENTION_DAYS).every((age) => age >= 0 && age <= RECENT_DEACTIVATION_DAYS)).toBe(true);
    expect(deactivated.length).toBeGreaterThan(DEACTIVATED_PAST_RETENTION + 10);
  });

  it("limits contractor and vendor access to 90 days", () => {
    const limit = plan.anchor.getTime() + 90 * DAY;
    const timeLimited = plan.users.filter((u) => u.employmentType !== "employee");
    expect(timeLimited.filter((u) => u.employmentType === "contractor").length).toBeGreaterThan(20);
    expect(timeLimited.filter((u) => u.employmentType === "vendor").length).toBeGreaterThan(10);
    for (const user of timeLimited) {
      expect(user.endDate, user.email).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const grants = plan.grants.filter((g) => g.userId === user.id);
      expect(grants.length, user.email).toBeGreaterThan(0);
      for (const grant of grants) {
        expect(grant.expiresAt, user.email).toBeInstanceOf(Date);
        expect(grant.expiresAt!.getTime(), user.email).toBeLessThanOrEqual(limit);
        expect(grant.expiresAt!.getTime() - grant.grantedAt.getTime(), user.email).toBeLessThanOrEqual(90 * DAY);
      }
    }
  });

  it("grants roles that match titles", () => {
    // Temporary cover grants come from access requests, not from the title.
    const fromTitle = plan.grants.filter((g) => !g.endedAt && g.source !== "access_request");
    const roleOf = (title: string) => new Set(fromTitle.filter((g) => plan.users.find((u) => u.id === g.userId)?.title === title).map((g) => g.roleId));
    expect(roleOf("Support Engineer I")).toEqual(new Set(["role_responder"]));
    expect(roleOf("Staff Site Reliability Engineer")).toEqual(new Set(["role_incident_commander"]));
    expect(roleOf("Compliance Auditor")).toEqual(new Set(["role_auditor"]));
    expect(roleOf("Chief Financial Officer")).toEqual(new Set(["role_executive_viewer"]));
    expect(roleOf("Vendor Support Specialist")).toEqual(new Set(["role_vendor"]));

    const active = plan.grants.filter((g) => !g.endedAt);
    expect(active.filter((g) => g.roleId === "role_owner")).toHaveLength(2);
    expect(active.filter((g) => g.roleId === "role_admin").length).toBeGreaterThanOrEqual(2);
    expect(active.filter((g) => g.roleId === "role_manager").length).toBeGreaterThanOrEqual(7);
    expect(active.filter((g) => g.teamId).length).toBeGreaterThan(100);
  });

  it("has 500 incidents of every severity and status", () => {
    expect(plan.incidents.map((i) => i.number)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    for (const severity of SEVERITIES) {
      for (const status of INCIDENT_STATUSES) {
        expect(plan.incidents.some((i) => i.severity === severity && i.status === status), `${severity} ${status}`).toBe(true);
      }
    }
    const oldest = plan.incidents[0].createdAt.getTime();
    expect(plan.anchor.getTime() - oldest).toBeGreaterThan(150 * DAY);
    expect(plan.anchor.getTime() - oldest).toBeLessThanOrEqual(183 * DAY);
    for (const incident of plan.incidents) {
      expect(incident.assigneeId, `#${incident.number}`).toBeTruthy();
      expect(incident.commanderId, `#${incident.number}`).toBeTruthy();
      expect(incident.summary, `#${incident.number}`).toBeTruthy();
      expect(incident.customerImpact, `#${incident.number}`).toBeTruthy();
      expect(incident.internalNotes, `#${incident.number}`).toBeTruthy();
      expect(incident.updatedAt!.getTime(), `#${incident.number}`).toBeLessThanOrEqual(plan.anchor.getTime());
    }
  });

  it("gives the personas their incidents", () => {
    const open = plan.incidents.filter((i) => OPEN.includes(i.status!));
    const ids = plan.personaIds;
    const responderOpen = open.filter((i) => i.assigneeId === ids.responder).map((i) => i.severity);
    expect(responderOpen).toContain("SEV1");
    expect(responderOpen).toContain("SEV2");
    expect(open.filter((i) => i.commanderId === ids.commander && (i.severity === "SEV1" || i.severity === "SEV2")).length).toBeGreaterThanOrEqual(2);
    const vendorOpen = open.filter((i) => i.assigneeId === ids.vendor).length;
    expect(vendorOpen).toBeGreaterThanOrEqual(2);
    expect(vendorOpen).toBeLessThanOrEqual(3);
  });

  it("places the personas in their teams", () => {
    const user = (key: PersonaKey) => plan.users.find((u) => u.id === plan.personaIds[key])!;
    for (const p of PERSONAS) expect(user(p.key).status, p.key).toBe("active");
    expect(user("responder").teamId).toBe(user("commander").teamId);
    expect(user("responder").managerId).toBe(plan.personaIds.manager);
    expect(plan.teamManagers).toContainEqual({ teamId: user("responder").teamId, userId: plan.personaIds.manager });
    expect(user("vendor").employmentType).toBe("vendor");
    expect(plan.users.filter((u) => u.passwordHash)).toHaveLength(0);
  });

  it("covers the schedule rotations", () => {
    expect(plan.schedules.length).toBeGreaterThanOrEqual(5);
    for (const schedule of plan.schedules) {
      const shifts = plan.shifts.filter((s) => s.scheduleId === schedule.id);
      const first = Math.min(...shifts.map((s) => s.startsAt.getTime()));
      const last = Math.max(...shifts.map((s) => s.endsAt.getTime()));
      expect(plan.anchor.getTime() - first, schedule.name).toBeGreaterThanOrEqual(28 * DAY);
      expect(last - plan.anchor.getTime(), schedule.name).toBeGreaterThanOrEqual(56 * DAY);
      expect([12, 168]).toContain(schedule.shiftHours);
    }
  });

  it("orders the audit history in time", () => {
    expect(plan.auditEvents.length).toBeGreaterThan(3000);
    const outOfOrder = plan.auditEvents.filter((e, i) => i > 0 && e.occurredAt < plan.auditEvents[i - 1].occurredAt);
    expect(outOfOrder).toEqual([]);
    const actions = new Set(plan.auditEvents.map((e) => e.action));
    for (const action of ["user.create", "grant.create", "incident.create", "incident.update", "incident.close", "auth.sign_in", "review.decide"] as const) {
      expect(actions.has(action), action).toBe(true);
    }
  });
});

// These tests share one database and run in order: rejection first, on a database with one other user,
// then the full-size seed and the checks on what it wrote.
describe("seedDemo", () => {
  let personaIds: Record<PersonaKey, string>;

  it("refuses a database with other data", async () => {
    const stranger = await makeUser({ email: "someone@corp.example" });

    await expect(seedDemo({ users: 100 })).rejects.toBeInstanceOf(DemoRefusedError);

    const [users] = await db.select({ n: count() }).from(t.users);
    const [markers] = await db.select({ n: count() }).from(t.demoMarker);
    const [events] = await db.select({ n: count() }).from(t.auditEvents);
    expect(users.n).toBe(1);
    expect(markers.n).toBe(0);
    expect(events.n).toBe(0);

    await transaction((tx) => tx.delete(t.users).where(eq(t.users.id, stranger.id)));
  });

  it("seeds an empty database", async () => {
    const result = await seedDemo();

    expect(result.status).toBe("seeded");
    expect(result.counts).toMatchObject({ users: 2000, teams: 10, incidents: 500 });
    expect(result.counts.grants).toBeGreaterThan(2000);
    expect(result.counts.shifts).toBeGreaterThan(100);
    expect(result.counts.auditEvents).toBeGreaterThan(3000);

    const rows = await db.select({ id: t.users.id, email: t.users.email }).from(t.users);
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    personaIds = Object.fromEntries(PERSONAS.map((p) => [p.key, byEmail.get(p.email)!])) as Record<PersonaKey, string>;
  }, 60_000);

  it("writes a verifiable audit chain", async () => {
    const report = await verifyAuditChain();
    expect(report.problem).toBeNull();
    expect(report.ok).toBe(true);

    const [last] = await db.select().from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
    expect(last.action).toBe("demo.seed");
  });

  it("leaves an existing demo alone", async () => {
    const result = await seedDemo();
    expect(result.status).toBe("existing");
    const [events] = await db.select({ n: count() }).from(t.auditEvents);
    expect(events.n).toBe(result.counts.auditEvents);
  });

  it("lets each persona sign in", async () => {
    for (const p of PERSONAS) {
      const [user] = await db.select({ hash: t.users.passwordHash }).from(t.users).where(eq(t.users.id, personaIds[p.key]));
      expect(await verifyPassword(user.hash, DEMO_PASSWORD), p.key).toBe(true);
    }
    const [withPassword] = await db.select({ n: count() }).from(t.users).where(isNotNull(t.users.passwordHash));
    expect(withPassword.n).toBe(PERSONAS.length);
  });

  it("gives personas their permissions", async () => {
    const actor = async (key: PersonaKey) => (await contextFor(personaIds[key])).actor;

    const owner = await actor("owner");
    expect(owner.roleKeys.has("owner")).toBe(true);
    const admin = await actor("admin");
    expect(can(admin, "grant.assign")).toBe(true);
    expect(admin.roleKeys.has("owner")).toBe(false);

    const manager = await actor("manager");
    expect(can(manager, "user.view")).toBe(true);
    expect(can(manager, "review.decide")).toBe(true);
    expect(can(manager, "incident.view_sensitive")).toBe(false);

    const responder = await actor("responder");
    expect(can(responder, "incident.close")).toBe(true);
    expect(can(responder, "incident.close_major")).toBe(false);
    expect(can(responder, "user.view")).toBe(false);

    const commander = await actor("commander");
    expect(can(commander, "incident.close_major")).toBe(true);

    const auditor = await actor("auditor");
    expect(can(auditor, "audit.export")).toBe(true);
    expect(can(auditor, "incident.update")).toBe(false);

    const executive = await actor("executive");
    expect(can(executive, "dashboard.view")).toBe(true);
    expect(can(executive, "incident.view")).toBe(false);

    const vendor = await actor("vendor");
    expect(can(vendor, "incident.view_assigned")).toBe(true);
    expect(can(vendor, "incident.view")).toBe(false);
    const grants = await db.select().from(t.grants).where(eq(t.grants.userId, personaIds.vendor));
    expect(grants).toHaveLength(1);
    expect(grants[0].expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 90 * DAY);
  });

  it("keeps the responder from closing a major incident", async () => {
    const [incident] = await db
      .select()
      .from(t.incidents)
      .where(and(eq(t.incidents.assigneeId, personaIds.responder), eq(t.incidents.severity, "SEV1"), eq(t.incidents.status, "investigating")));
    await expect(closeIncident(await contextFor(personaIds.responder), { id: incident.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("puts the responder on call now", async () => {
    const now = new Date();
    const current = await db
      .select()
      .from(t.shifts)
      .where(and(eq(t.shifts.userId, personaIds.responder), lte(t.shifts.startsAt, now), gt(t.shifts.endsAt, now)));
    expect(current).toHaveLength(1);

    const future = await db.select().from(t.shifts).where(and(eq(t.shifts.userId, personaIds.responder), gt(t.shifts.startsAt, now)));
    expect(future.length).toBeGreaterThan(0);

    const members = await db.select().from(t.scheduleMembers).where(eq(t.scheduleMembers.scheduleId, current[0].scheduleId));
    expect(members.length).toBeGreaterThan(2);
    expect(members.map((m) => m.userId)).toContain(personaIds.commander);
  });
});
