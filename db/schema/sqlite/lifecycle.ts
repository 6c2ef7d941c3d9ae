import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { RosterImportStatus, ScheduledOffboardingStatus } from "../../types";
import { roles } from "./access";
import { teams, users } from "./identity";
import { oncallSchedules } from "./incidents";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

// One onboarding template per team: the roles a new member receives and the schedules they join.
export const onboardingTemplates = sqliteTable("onboarding_templates", {
  id: text("id").primaryKey(),
  teamId: text("team_id").notNull().references(() => teams.id),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  updatedBy: text("updated_by"),
  version: integer("version").notNull().default(1),
}, (t) => [uniqueIndex("onboarding_templates_team_uq").on(t.teamId)]);

// teamScoped: the grant is limited to the template's team instead of the whole organization.
export const onboardingTemplateRoles = sqliteTable("onboarding_template_roles", {
  templateId: text("template_id").notNull().references(() => onboardingTemplates.id),
  roleId: text("role_id").notNull().references(() => roles.id),
  teamScoped: integer("team_scoped", { mode: "boolean" }).notNull(),
}, (t) => [primaryKey({ columns: [t.templateId, t.roleId] })]);

export const onboardingTemplateSchedules = sqliteTable("onboarding_template_schedules", {
  templateId: text("template_id").notNull().references(() => onboardingTemplates.id),
  scheduleId: text("schedule_id").notNull().references(() => oncallSchedules.id),
}, (t) => [primaryKey({ columns: [t.templateId, t.scheduleId] })]);

// An uploaded roster file and its import options. The file is kept so that the commit validates the
// same bytes again, on whichever app instance receives it; previewDigest pins the plan the
// administrator saw, so a commit after the directory changed is rejected instead of doing something else.
export const rosterImports = sqliteTable("roster_imports", {
  id: text("id").primaryKey(),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  fileName: text("file_name").notNull(),
  content: text("content").notNull(),
  options: text("options").notNull(),
  status: text("status").$type<RosterImportStatus>().notNull(),
  rowCount: integer("row_count").notNull(),
  previewDigest: text("preview_digest"),
  report: text("report"),
  committedAt: ts("committed_at"),
}, (t) => [index("roster_imports_created_idx").on(t.createdAt, t.id)]);

// An offboarding planned for the end of a last working day; the offboarding job runs it at runAt.
export const scheduledOffboardings = sqliteTable("scheduled_offboardings", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  runAt: ts("run_at").notNull(),
  plan: text("plan").notNull(),
  status: text("status").$type<ScheduledOffboardingStatus>().notNull(),
  createdBy: text("created_by"),
  createdAt: ts("created_at").notNull(),
  finishedAt: ts("finished_at"),
  detail: text("detail"),
}, (t) => [
  index("scheduled_offboardings_due_idx").on(t.status, t.runAt),
  index("scheduled_offboardings_user_idx").on(t.userId, t.status),
]);
