import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { closeIncident } from "@/lib/services/incidents/close";
import { getIncident } from "@/lib/services/incidents/get";
import { updateIncident } from "@/lib/services/incidents/update";
import { contextFor, makeTeam, makeUser } from "../factory";

let teamId: string;
let responderId: string;
let commanderId: string;

async function makeIncident(severity: "SEV1" | "SEV2" | "SEV3" | "SEV4", number: number) {
  const id = `inc_${number}`;
  const now = new Date();
  await transaction((tx) =>
    tx.insert(t.incidents).values({
      id, number, title: `Incident ${number}`, severity, status: "investigating", teamId, summary: "Checkout errors",
      customerImpact: "ACME lost orders", internalNotes: "db failover", createdAt: now, updatedAt: now,
    }),
  );
  return id;
}

async function lastAudit() {
  const [row] = await db.select().from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  return row;
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  responderId = (await makeUser({ roles: ["responder"], teamId })).id;
  commanderId = (await makeUser({ roles: ["incident_commander"], teamId })).id;
});

describe("closeIncident", () => {
  it("rejects a responder closing SEV1", async () => {
    const id = await makeIncident("SEV1", 1);
    const ctx = await contextFor(responderId);
    await expect(closeIncident(ctx, { id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [row] = await db.select().from(t.incidents).where(eq(t.incidents.id, id));
    expect(row.status).toBe("investigating");
  });

  it("lets an incident commander close a SEV1 with an audit event", async () => {
    const id = await makeIncident("SEV1", 2);
    await closeIncident(await contextFor(commanderId), { id });
    const [row] = await db.select().from(t.incidents).where(eq(t.incidents.id, id));
    expect(row.status).toBe("closed");
    const event = await lastAudit();
    expect(event.action).toBe("incident.close");
    expect(event.targetId).toBe(id);
    expect(event.actorId).toBe(commanderId);
  });

  it("lets a responder close a SEV4", async () => {
    const id = await makeIncident("SEV4", 3);
    await closeIncident(await contextFor(responderId), { id });
    const [row] = await db.select().from(t.incidents).where(eq(t.incidents.id, id));
    expect(row.status).toBe("closed");
  });
});

describe("updateIncident", () => {
  it("updates with an audit event and refuses a stale version", async () => {
    const id = await makeIncident("SEV2", 4);
    const ctx = await contextFor(responderId);
    const first = await updateIncident(ctx, { id, version: 1, status: "mitigated" });
    expect(first.version).toBe(2);
    const event = await lastAudit();
    expect(event.action).toBe("incident.update");
    expect(event.before).toEqual({ status: "investigating" });
    expect(event.after).toEqual({ status: "mitigated" });
    await expect(updateIncident(ctx, { id, version: 1, summary: "late edit" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("reports NOT_FOUND to an executive viewer", async () => {
    const id = await makeIncident("SEV3", 5);
    const exec = await makeUser({ roles: ["executive_viewer"] });
    await expect(updateIncident(await contextFor(exec.id), { id, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a manager who can view it", async () => {
    const id = await makeIncident("SEV3", 7);
    const manager = await makeUser({ roles: ["manager"] });
    await expect(updateIncident(await contextFor(manager.id), { id, version: 1, status: "mitigated" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("getIncident", () => {
  it("hides sensitive fields from a manager", async () => {
    const id = await makeIncident("SEV3", 6);
    const manager = await makeUser({ roles: ["manager"] });
    const view = await getIncident(await contextFor(manager.id), id);
    expect(view.sensitive).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain("ACME lost orders");
  });
});
