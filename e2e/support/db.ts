// Direct database access for specs: arranging rows a spec needs and checking what the server stored.
// DATABASE_URL is set by playwright.config.ts, so this opens the same SQLite file as the server.
import { and, desc, eq, inArray, max, ne } from "drizzle-orm";
import { db, t, transaction } from "@/db";
import type { IncidentStatus, Severity } from "@/db/types";
import { hashPassword } from "@/lib/services/auth/passwords";

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(counter++).toString(36)}${process.pid.toString(36)}`;

export interface NewIncident {
  severity: Severity;
  status?: IncidentStatus;
  title?: string;
}

/** Inserts an open incident in the first team, with distinctive sensitive fields, and returns it. */
export async function createIncident(spec: NewIncident) {
  const id = unique("incident_e2e");
  const title = spec.title ?? `E2E ${spec.severity} incident ${id}`;
  const now = new Date();
  await transaction(async (tx) => {
    const [team] = await tx.select({ id: t.teams.id }).from(t.teams).orderBy(t.teams.id).limit(1);
    const [{ top }] = await tx.select({ top: max(t.incidents.number) }).from(t.incidents);
    await tx.insert(t.incidents).values({
      id,
      number: (top ?? 0) + 1,
      title,
      severity: spec.severity,
      status: spec.status ?? "investigating",
      teamId: team.id,
      summary: `Summary of ${title}`,
      customerImpact: `Customer impact of ${id}`,
      internalNotes: `Internal notes of ${id}`,
      createdAt: now,
      updatedAt: now,
    });
  });
  return { id, title };
}

export async function incidentStatus(id: string) {
  const [row] = await db.select({ status: t.incidents.status, version: t.incidents.version }).from(t.incidents).where(eq(t.incidents.id, id));
  return row;
}

/** Returns every incident's title and sensitive values, which the executive's browser must never receive. */
export async function incidentSecrets() {
  return db.select({ id: t.incidents.id, title: t.incidents.title, customerImpact: t.incidents.customerImpact, internalNotes: t.incidents.internalNotes }).from(t.incidents);
}

/** Creates an active user holding one global role, who signs in with the given password. */
export async function createUser(role: string, password: string) {
  const id = unique("user_e2e");
  const email = `${id}@e2e.warden.example`;
  const passwordHash = await hashPassword(password);
  const now = new Date();
  await transaction(async (tx) => {
    await tx.insert(t.users).values({ id, email, name: `E2E ${role} ${id}`, employmentType: "employee", status: "active", source: "manual", passwordHash, createdAt: now, updatedAt: now });
    await tx.insert(t.grants).values({ id: unique("grant_e2e"), userId: id, roleId: `role_${role}`, grantedAt: now, source: "manual" });
  });
  return { id, email };
}

/**
 * Sets a user's status to deactivated and nothing else. Real offboarding also revokes sessions. Leaving
 * them in place checks that the user's status alone ends a saved session.
 */
export async function markDeactivated(userId: string) {
  await transaction((tx) => tx.update(t.users).set({ status: "deactivated", deactivatedAt: new Date() }).where(eq(t.users.id, userId)));
}

export async function userIdByEmail(email: string) {
  const [row] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
  return row?.id;
}

/** Returns the newest audit event of an action by an actor, to check what a rejected or accepted call recorded. */
export async function newestAuditEvent(action: string, actorId: string) {
  const [row] = await db
    .select({ id: t.auditEvents.id, targetId: t.auditEvents.targetId, after: t.auditEvents.after })
    .from(t.auditEvents)
    .where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.actorId, actorId)))
    .orderBy(desc(t.auditEvents.id))
    .limit(1);
  return row;
}

/** Returns an open incident that is not assigned to the given user. */
export async function openIncidentNotAssignedTo(userId: string) {
  const [row] = await db
    .select({ id: t.incidents.id })
    .from(t.incidents)
    .where(and(ne(t.incidents.status, "closed"), ne(t.incidents.assigneeId, userId)))
    .limit(1);
  return row?.id;
}

/** Counts open incidents (neither resolved nor closed), as the dashboard does. */
export async function openIncidentCount() {
  const rows = await db.select({ status: t.incidents.status }).from(t.incidents);
  return rows.filter((row) => row.status !== "resolved" && row.status !== "closed").length;
}

/** Returns the ids of open incidents, newest first. */
export async function openIncidentIds(limit: number) {
  const rows = await db
    .select({ id: t.incidents.id })
    .from(t.incidents)
    .where(inArray(t.incidents.status, ["triggered", "acknowledged", "investigating", "mitigated"]))
    .orderBy(desc(t.incidents.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}
