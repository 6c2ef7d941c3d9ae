import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { IncidentStatus, Severity } from "../../types";
import { teams, users } from "./identity";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

export const incidents = sqliteTable("incidents", {
  id: text("id").primaryKey(),
  number: integer("number").notNull(),
  title: text("title").notNull(),
  severity: text("severity").$type<Severity>().notNull(),
  status: text("status").$type<IncidentStatus>().notNull(),
  teamId: text("team_id").notNull().references(() => teams.id),
  assigneeId: text("assignee_id").references(() => users.id),
  commanderId: text("commander_id").references(() => users.id),
  summary: text("summary").notNull(),
  // Sensitive: never sent to a viewer without incident.view_sensitive.
  customerImpact: text("customer_impact"),
  internalNotes: text("internal_notes"),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  resolvedAt: ts("resolved_at"),
  closedAt: ts("closed_at"),
  closedBy: text("closed_by"),
  version: integer("version").notNull().default(1),
}, (t) => [
  uniqueIndex("incidents_number_uq").on(t.number),
  index("incidents_status_severity_idx").on(t.status, t.severity),
  index("incidents_team_idx").on(t.teamId, t.createdAt),
  index("incidents_assignee_idx").on(t.assigneeId, t.status),
  index("incidents_commander_idx").on(t.commanderId, t.status),
  index("incidents_created_idx").on(t.createdAt, t.id),
]);

export const oncallSchedules = sqliteTable("oncall_schedules", {
  id: text("id").primaryKey(),
  teamId: text("team_id").notNull().references(() => teams.id),
  name: text("name").notNull(),
  shiftHours: integer("shift_hours").notNull(),
  createdAt: ts("created_at").notNull(),
}, (t) => [index("oncall_schedules_team_idx").on(t.teamId)]);

export const scheduleMembers = sqliteTable("schedule_members", {
  scheduleId: text("schedule_id").notNull().references(() => oncallSchedules.id),
  userId: text("user_id").notNull().references(() => users.id),
  position: integer("position").notNull(),
}, (t) => [primaryKey({ columns: [t.scheduleId, t.userId] }), index("schedule_members_user_idx").on(t.userId)]);

// A shift with no user and isGap set is an explicit, visible hole in the rotation.
export const shifts = sqliteTable("shifts", {
  id: text("id").primaryKey(),
  scheduleId: text("schedule_id").notNull().references(() => oncallSchedules.id),
  userId: text("user_id").references(() => users.id),
  startsAt: ts("starts_at").notNull(),
  endsAt: ts("ends_at").notNull(),
  isGap: integer("is_gap", { mode: "boolean" }).notNull(),
}, (t) => [index("shifts_schedule_start_idx").on(t.scheduleId, t.startsAt), index("shifts_user_start_idx").on(t.userId, t.startsAt)]);
