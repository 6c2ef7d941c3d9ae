import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { CampaignStatus, ReviewDecision } from "../../types";
import { grants, roles } from "./access";
import { users } from "./identity";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

export const reviewCampaigns = sqliteTable("review_campaigns", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status").$type<CampaignStatus>().notNull(),
  deadline: ts("deadline").notNull(),
  undecidedPolicy: text("undecided_policy").$type<"keep_and_flag" | "revoke">().notNull(),
  fallbackReviewerId: text("fallback_reviewer_id").references(() => users.id),
  createdBy: text("created_by"),
  createdAt: ts("created_at").notNull(),
  launchedAt: ts("launched_at"),
  closedAt: ts("closed_at"),
});

// Items are frozen at launch: role and scope are copied so later grant changes do not rewrite history.
export const reviewItems = sqliteTable("review_items", {
  id: text("id").primaryKey(),
  campaignId: text("campaign_id").notNull().references(() => reviewCampaigns.id),
  userId: text("user_id").notNull().references(() => users.id),
  grantId: text("grant_id").notNull().references(() => grants.id),
  roleId: text("role_id").notNull().references(() => roles.id),
  teamId: text("team_id"),
  reviewerId: text("reviewer_id").references(() => users.id),
  decision: text("decision").$type<ReviewDecision>().notNull(),
  decidedBy: text("decided_by"),
  decidedAt: ts("decided_at"),
  reason: text("reason"),
  automatic: integer("automatic", { mode: "boolean" }).notNull(),
}, (t) => [index("review_items_campaign_idx").on(t.campaignId, t.decision), index("review_items_reviewer_idx").on(t.reviewerId, t.decision)]);
