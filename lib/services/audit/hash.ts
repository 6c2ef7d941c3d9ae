import { createHash } from "node:crypto";

// The first event of the chain points at this value instead of a predecessor's hash.
export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  occurredAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

// Serializes with object keys sorted, because Postgres jsonb does not keep the key order it was given.
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// Hashes only the declared fields, so a stored row (which also carries id, prevHash and hash) hashes
// the same as the fields it was written from.
export function eventHash(prevHash: string, fields: HashedFields): string {
  const body = canonicalJson({
    occurredAt: fields.occurredAt.toISOString(),
    action: fields.action,
    actorType: fields.actorType,
    actorId: fields.actorId,
    actorName: fields.actorName,
    targetType: fields.targetType,
    targetId: fields.targetId,
    before: fields.before,
    after: fields.after,
    ip: fields.ip,
    userAgent: fields.userAgent,
    requestId: fields.requestId,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
