import fs from "node:fs";
import path from "node:path";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { db, t } from "@/db";
import type { ServiceContext } from "@/lib/services/context";
import { createRosterImport, previewRosterImport } from "@/lib/services/roster/batches";
import { commitRosterImport } from "@/lib/services/roster/commit";
import type { RosterOptions } from "@/lib/services/roster/mapping";

export const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/roster-hr-export.csv");

export function fixtureBytes(): Uint8Array {
  return new Uint8Array(fs.readFileSync(FIXTURE));
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Uploads, previews and commits a roster the way the import page does. */
export async function importRoster(ctx: ServiceContext, bytes: Uint8Array, options: Partial<RosterOptions> = {}) {
  const { id } = await createRosterImport(ctx, { fileName: "roster.csv", bytes, options });
  const preview = await previewRosterImport(ctx, id);
  const report = await commitRosterImport(ctx, { id, digest: preview.plan.digest });
  return { id, preview, report };
}

export async function lastAudit(action?: string) {
  const [row] = await db
    .select()
    .from(t.auditEvents)
    .where(action ? eq(t.auditEvents.action, action) : undefined)
    .orderBy(desc(t.auditEvents.id))
    .limit(1);
  return row;
}

export async function auditCount(action: string, targetId?: string) {
  const [row] = await db
    .select({ n: count() })
    .from(t.auditEvents)
    .where(and(eq(t.auditEvents.action, action), targetId ? eq(t.auditEvents.targetId, targetId) : undefined));
  return Number(row.n);
}

export async function userByEmail(email: string) {
  const [row] = await db.select().from(t.users).where(eq(sql`lower(${t.users.email})`, email.toLowerCase())).limit(1);
  return row;
}
