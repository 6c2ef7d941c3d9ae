import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { AccessRequestStatus, GrantSource } from "../../types";
import { teams, users } from "./identity";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

export const roles = sqliteTable("roles", {
  id: text("id").primaryKey(),
  key: text("key").notNull(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  builtIn: integer("built_in", { mode: "boolean" }).notNull(),
  createdAt: ts("created_at").notNull(),
}, (t) => [uniqueIndex("roles_key_uq").on(t.key)]);

export const rolePermissions = sqliteTable("role_permissions", {
  roleId: text("role_id").notNull().references(() => roles.id),
  permission: text("permission").notNull(),
}, (t) => [primaryKey({ columns: [t.roleId, t.permission] })]);

export const grants = sqliteTable("grants", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  roleId: text("role_id").notNull().references(() => roles.id),
  teamId: text("team_id").references(() => teams.id),
  expiresAt: ts("expires_at"),
  grantedBy: text("granted_by"),
  grantedAt: ts("granted_at").notNull(),
  reason: text("reason"),
  source: text("source").$type<GrantSource>().notNull(),
  endedAt: ts("ended_at"),
  endedBy: text("ended_by"),
  endReason: text("end_reason"),
}, (t) => [
  // role_id last, so that "does this user hold this role" (the users page's role filter) is one index probe.
  index("grants_user_role_idx").on(t.userId, t.endedAt, t.roleId),
  index("grants_role_idx").on(t.roleId, t.endedAt),
  // ended_at included, so that counting grants that are still open and expire in a window reads the index alone.
  index("grants_expires_idx").on(t.expiresAt, t.endedAt),
]);

export const accessRequests = sqliteTable("access_requests", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  roleId: text("role_id").notNull().references(() => roles.id),
  teamId: text("team_id").references(() => teams.id),
  reason: text("reason").notNull(),
  requestedUntil: ts("requested_until").notNull(),
  status: text("status").$type<AccessRequestStatus>().notNull(),
  approverId: text("approver_id"),
  decidedAt: ts("decided_at"),
  decisionReason: text("decision_reason"),
  createdAt: ts("created_at").notNull(),
}, (t) => [index("access_requests_user_idx").on(t.userId, t.status), index("access_requests_approver_idx").on(t.approverId, t.status)]);
