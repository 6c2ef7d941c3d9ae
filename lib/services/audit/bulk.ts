import { desc, sql } from "drizzle-orm";
import { database, type Db } from "@/db";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { bulkInsert } from "@/lib/services/users/bulk-insert";
import { AUDIT_CHAIN_LOCK, scrub, type AuditInput } from "./emit";
import { eventHash, GENESIS_HASH } from "./hash";

/**
 * Appends many audit events inside the caller's transaction, chained in the given order. It takes the
 * chain lock and reads the last hash once, then inserts all rows with bulkInsert, so a bulk change (a
 * roster import, an offboarding) writes one event per changed entity without one round trip per event.
 */
export async function recordAuditMany(tx: Db, ctx: ServiceContext, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const d = database();
  const t = d.tables;

  if (d.dialect === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: t.auditEvents.hash }).from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;

  const occurredAt = nowOf(ctx);
  const rows = inputs.map((input) => {
    const fields = {
      occurredAt,
      action: input.action,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      before: (input.before ? scrub(input.before) : null) as Record<string, unknown> | null,
      after: (input.after ? scrub(input.after) : null) as Record<string, unknown> | null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
    };
    const hash = eventHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });

  await bulkInsert(tx, t.auditEvents, rows);
}
