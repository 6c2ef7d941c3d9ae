import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { listAssignableUsers } from "@/lib/services/incidents/assignees";
import { getIncident } from "@/lib/services/incidents/get";
import { updateIncident } from "@/lib/services/incidents/update";
import { contextFor, makeTeam, makeUser } from "../factory";

let teamId: string;
let responderId: string;
let vendorId: string;
let number = 9000;

async function makeIncident(values: { severity?: "SEV1" | "SEV3"; assigneeId?: string | null; commanderId?: string | null } = {}) {
  const id = `inc_assign_${++number}`;
  const now = new Date();
  await transaction((tx) =>
    tx.insert(t.incidents).values({
      id, number, title: `Incident ${number}`, severity: values.severity ?? "SEV3", status: "investigating", teamId,
      summary: "Queue backlog", assigneeId: values.assigneeId ?? null, commanderId: values.commanderId ?? null, createdAt: now, updatedAt: now,
    }),
  );
  return id;
}

async function incidentRow(id: string) {
  const [row] = await db.select().from(t.incidents).where(eq(t.incidents.id, id));
  return row;
}

async function lastAudit() {
  const [row] = await db.select().from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  return row;
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  responderId = (await makeUser({ name: "Aaron Responder", roles: ["responder"], teamId })).id;
  vendorId = (await makeUser({ name: "Vera Vendor", employmentType: "contractor", roles: ["vendor"] })).id;
});

describe("listAssignableUsers", () => {
  it("includes the current assignee and commander past the cap", async () => {
    const now = new Date();
    // 510 teammates whose names sort before the assignee's and the commander's.
    const rows = Array.from({ length: 510 }, (_, i) => ({
      id: `user_bulk_${i}`, email: `bulk.${i}@corp.example`, name: `Bulk ${String(i).padStart(3, "0")}`, status: "active" as const,
      teamId, employmentType: "employee" as const, source: "manual" as const, createdAt: now, updatedAt: now,
    }));
    await transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += 100) await tx.insert(t.users).values(rows.slice(i, i + 100));
    });
    const assignee = await makeUser({ name: "Zed Assignee", teamId });
    const commander = await makeUser({ name: "Zoe Commander", roles: ["incident_commander"] });
    const id = await makeIncident({ assigneeId: assignee.id, commanderId: commander.id });

    const people = await listAssignableUsers(await contextFor(responderId), id);

    const ids = people.map((person) => person.id);
    expect(ids).toContain(assignee.id);
    expect(ids).toContain(commander.id);
    expect(ids).toContain(responderId);
  });

  it("keeps a deactivated assignee as inactive", async () => {
    const gone = await makeUser({ name: "Gone Person", teamId, status: "deactivated" });
    const id = await makeIncident({ assigneeId: gone.id });

    const people = await listAssignableUsers(await contextFor(responderId), id);

    expect(people.find((person) => person.id === gone.id)).toEqual({ id: gone.id, name: "Gone Person", active: false });
  });

  it("refuses a vendor on their own incident", async () => {
    const id = await makeIncident({ assigneeId: vendorId });

    await expect(listAssignableUsers(await contextFor(vendorId), id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("reports NOT_FOUND to someone who cannot view it", async () => {
    const id = await makeIncident();
    const exec = await makeUser({ roles: ["executive_viewer"] });

    await expect(listAssignableUsers(await contextFor(exec.id), id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listAssignableUsers(await contextFor(vendorId), id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("getIncident allowed flags", () => {
  it("lets a vendor update but not assign", async () => {
    const id = await makeIncident({ assigneeId: vendorId });

    const view = await getIncident(await contextFor(vendorId), id);

    expect(view.allowed).toMatchObject({ update: true, assign: false });
  });

  it("lets a responder update and assign", async () => {
    const id = await makeIncident();

    const view = await getIncident(await contextFor(responderId), id);

    expect(view.allowed).toMatchObject({ update: true, assign: true });
  });

  it("gives a manager neither", async () => {
    const id = await makeIncident({ severity: "SEV1" });
    const manager = await makeUser({ roles: ["manager"] });

    const view = await getIncident(await contextFor(manager.id), id);

    expect(view.allowed).toMatchObject({ update: false, assign: false, close: false });
  });
});

describe("updateIncident reassignment", () => {
  it("lets a vendor change the status with an audit event", async () => {
    const id = await makeIncident({ assigneeId: vendorId });

    await updateIncident(await contextFor(vendorId), { id, version: 1, status: "mitigated", assigneeId: vendorId, commanderId: null });

    expect((await incidentRow(id)).status).toBe("mitigated");
    expect(await lastAudit()).toMatchObject({ action: "incident.update", actorId: vendorId, targetId: id });
  });

  it("refuses a vendor changing the assignee", async () => {
    const id = await makeIncident({ assigneeId: vendorId });

    const ctx = await contextFor(vendorId);
    await expect(updateIncident(ctx, { id, version: 1, assigneeId: responderId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateIncident(ctx, { id, version: 1, assigneeId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateIncident(ctx, { id, version: 1, commanderId: responderId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const row = await incidentRow(id);
    expect(row.assigneeId).toBe(vendorId);
    expect(row.commanderId).toBeNull();
    expect(row.version).toBe(1);
  });

  it("lets a responder reassign with an audit event", async () => {
    const id = await makeIncident({ assigneeId: vendorId });

    await updateIncident(await contextFor(responderId), { id, version: 1, assigneeId: responderId });

    expect((await incidentRow(id)).assigneeId).toBe(responderId);
    expect(await lastAudit()).toMatchObject({ action: "incident.update", before: { assigneeId: vendorId }, after: { assigneeId: responderId } });
  });

  it("keeps a deactivated assignee when other fields change", async () => {
    const gone = await makeUser({ teamId, status: "deactivated" });
    const id = await makeIncident({ assigneeId: gone.id });

    await updateIncident(await contextFor(responderId), { id, version: 1, summary: "Backlog draining", assigneeId: gone.id });

    expect((await incidentRow(id)).summary).toBe("Backlog draining");
    await expect(updateIncident(await contextFor(responderId), { id, version: 2, commanderId: gone.id })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("reports NOT_FOUND to a vendor on another incident", async () => {
    const id = await makeIncident({ assigneeId: responderId });

    await expect(updateIncident(await contextFor(vendorId), { id, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
