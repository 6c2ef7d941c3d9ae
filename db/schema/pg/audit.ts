import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { ActorType } from "../../types";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Append-only: triggers in the migrations reject UPDATE and DELETE.
export const auditEvents = pgTable("audit_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  occurredAt: ts("occurred_at").notNull(),
  action: text("action").notNull(),
  actorType: text("actor_type").$type<ActorType>().notNull(),
  actorId: text("actor_id"),
  actorName: text("actor_name"),
  targetType: text("target_type"),
  targetId: text("target_id"),
  before: jsonb("before").$type<Record<string, unknown> | null>(),
  after: jsonb("after").$type<Record<string, unknown> | null>(),
  ip: text("ip"),
  userAgent: text("user_agent"),
  requestId: text("request_id"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
}, (t) => [
  index("audit_target_idx").on(t.targetType, t.targetId, t.id),
  index("audit_actor_idx").on(t.actorId, t.id),
  index("audit_action_idx").on(t.action, t.id),
  index("audit_occurred_idx").on(t.occurredAt),
]);
