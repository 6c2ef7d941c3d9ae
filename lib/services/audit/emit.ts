import { desc, sql } from "drizzle-orm";
import { database, type Db } from "@/db";
import type { ServiceContext } from "@/lib/services/context";
import { nowOf } from "@/lib/services/context";
import type { AuditAction } from "./actions";
import { eventHash, GENESIS_HASH } from "./hash";

export interface AuditInput {
  action: AuditAction;
  target?: { type: string; id: string | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const SECRET_KEY = /password|secret|token|hash|credential/i;

// Removes secrets and turns dates into ISO strings, so the stored value is plain JSON.
export function scrub(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = SECRET_KEY.test(k) ? "[removed]" : scrub(v);
    }
    return out;
  }
  return value;
}

// Serializes writers of the hash chain on Postgres; SQLite transactions are already serialized.
export const AUDIT_CHAIN_LOCK = 74_060_001;

/**
 * Appends an audit event inside the caller's transaction. The event carries the hash of its
 * predecessor, so an edit anywhere in the chain is found by the verify command. If this insert fails,
 * the caller's transaction fails with it.
 */
export async function recordAudit(tx: Db, ctx: ServiceContext, input: AuditInput): Promise<void> {
  const prevHash = await lockChainAndReadLastHash(tx);
  const fields = eventFields(ctx, input, nowOf(ctx));
  await tx.insert(database().tables.auditEvents).values({ ...fields, prevHash, hash: eventHash(prevHash, fields) });
}

/**
 * Takes the chain lock (Postgres; SQLite transactions are already serialized) and returns the newest
 * event's hash, which the next event must carry as its predecessor.
 */
export async function lockChainAndReadLastHash(tx: Db): Promise<string> {
  const d = database();
  const t = d.tables;
  if (d.dialect === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);

  const [last] = await tx.select({ hash: t.auditEvents.hash }).from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  return last?.hash ?? GENESIS_HASH;
}

/** Builds the stored and hashed fields of one event, with secrets removed from its before and after values. */
export function eventFields(ctx: ServiceContext, input: AuditInput, occurredAt: Date) {
  return {
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
}

/** Keeps only the keys whose values differ, for compact before/after pairs. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = before[key];
    const now = after[key];
    const same = was instanceof Date && now instanceof Date ? was.getTime() === now.getTime() : was === now;
    if (!same) {
      b[key] = was;
      a[key] = now;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
