import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ActorType } from "../../types";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

// Append-only: triggers in the migrations reject UPDATE and DELETE.
export const auditEvents = sqliteTable("audit_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  occurredAt: ts("occurred_at").notNull(),
  action: text("action").notNull(),
  actorType: text("actor_type").$type<ActorType>().notNull(),
  actorId: text("actor_id"),
  actorName: text("actor_name"),
  targetType: text("target_type"),
  targetId: text("target_id"),
  before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
  after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
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
