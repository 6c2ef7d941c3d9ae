import { desc, sql } from "drizzle-orm";
import { database, type Db } from "@/db";
import { AUDIT_CHAIN_LOCK, scrub } from "@/lib/services/audit/emit";
import { eventHash, GENESIS_HASH } from "@/lib/services/audit/hash";
import type { AuditDraft } from "./types";

/**
 * Appends many audit events inside the caller's transaction, chained exactly as recordAudit chains
 * one: each event's prevHash is the hash of the event before it, starting from the newest stored event.
 * Events are written in the given order, in batches. Returns the hash of the last event written.
 */
export async function appendAuditEvents(tx: Db, drafts: AuditDraft[], batchSize = 500): Promise<string> {
  const d = database();
  const t = d.tables;

  // Holds off concurrent recordAudit writers on Postgres until this transaction ends; SQLite
  // transactions are serialized already.
  if (d.dialect === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);

  const [last] = await tx.select({ hash: t.auditEvents.hash }).from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;

  for (let start = 0; start < drafts.length; start += batchSize) {
    const rows = drafts.slice(start, start + batchSize).map((draft) => {
      const fields = {
        ...draft,
        before: (draft.before ? scrub(draft.before) : null) as Record<string, unknown> | null,
        after: (draft.after ? scrub(draft.after) : null) as Record<string, unknown> | null,
      };
      const hash = eventHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await tx.insert(t.auditEvents).values(rows);
  }
  return prevHash;
}
