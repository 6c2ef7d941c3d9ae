import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { EmploymentType, UserSource, UserStatus } from "../../types";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull(),
  description: text("description"),
  createdAt: ts("created_at").notNull(),
}, (t) => [uniqueIndex("teams_slug_uq").on(t.slug), uniqueIndex("teams_name_lower_uq").on(sql`lower(${t.name})`)]);

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  title: text("title"),
  teamId: text("team_id").references(() => teams.id),
  managerId: text("manager_id"),
  employmentType: text("employment_type").$type<EmploymentType>().notNull(),
  status: text("status").$type<UserStatus>().notNull(),
  source: text("source").$type<UserSource>().notNull(),
  externalId: text("external_id"),
  employeeId: text("employee_id"),
  location: text("location"),
  startDate: text("start_date"),
  endDate: text("end_date"),
  passwordHash: text("password_hash"),
  lastActiveAt: ts("last_active_at"),
  deactivatedAt: ts("deactivated_at"),
  purgedAt: ts("purged_at"),
  version: integer("version").notNull().default(1),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
}, (t) => [
  uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
  uniqueIndex("users_external_id_uq").on(t.externalId),
  index("users_name_idx").on(t.name, t.id),
  index("users_status_name_idx").on(t.status, t.name, t.id),
  index("users_team_name_idx").on(t.teamId, t.name, t.id),
  index("users_manager_idx").on(t.managerId),
  index("users_created_idx").on(t.createdAt, t.id),
  index("users_email_idx").on(t.email, t.id),
  index("users_last_active_idx").on(t.lastActiveAt, t.id),
  // Serves the dashboard's count of active contractors and vendors from the index alone.
  index("users_employment_status_idx").on(t.employmentType, t.status),
]);

export const teamManagers = sqliteTable("team_managers", {
  teamId: text("team_id").notNull().references(() => teams.id),
  userId: text("user_id").notNull().references(() => users.id),
}, (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_managers_user_idx").on(t.userId)]);

export const authSessions = sqliteTable("auth_sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  revokedAt: ts("revoked_at"),
  ip: text("ip"),
  userAgent: text("user_agent"),
}, (t) => [index("auth_sessions_user_idx").on(t.userId)]);

// Links an external identity (an OIDC subject) to a user, for single sign-on.
export const authAccounts = sqliteTable("auth_accounts", {
  provider: text("provider").notNull(),
  providerAccountId: text("provider_account_id").notNull(),
  userId: text("user_id").notNull().references(() => users.id),
  createdAt: ts("created_at").notNull(),
}, (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("auth_accounts_user_idx").on(t.userId)]);

// Failed sign-in counters, keyed by "account:<email>" or "ip:<address>", shared by every app instance.
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: ts("window_started_at").notNull(),
  lockedUntil: ts("locked_until"),
});

export const invitations = sqliteTable("invitations", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull().references(() => users.id),
  tokenHash: text("token_hash").notNull(),
  createdBy: text("created_by"),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at").notNull(),
  usedAt: ts("used_at"),
  revokedAt: ts("revoked_at"),
}, (t) => [uniqueIndex("invitations_token_hash_uq").on(t.tokenHash), index("invitations_user_idx").on(t.userId)]);

export const apiTokens = sqliteTable("api_tokens", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").$type<"api" | "scim">().notNull(),
  ownerId: text("owner_id").notNull().references(() => users.id),
  tokenHash: text("token_hash").notNull(),
  prefix: text("prefix").notNull(),
  scopes: text("scopes").notNull(),
  createdAt: ts("created_at").notNull(),
  expiresAt: ts("expires_at"),
  lastUsedAt: ts("last_used_at"),
  revokedAt: ts("revoked_at"),
}, (t) => [uniqueIndex("api_tokens_hash_uq").on(t.tokenHash), index("api_tokens_owner_idx").on(t.ownerId)]);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const demoMarker = sqliteTable("demo_marker", {
  id: integer("id").primaryKey(),
  seed: integer("seed").notNull(),
  seededAt: ts("seeded_at").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull(),
});
