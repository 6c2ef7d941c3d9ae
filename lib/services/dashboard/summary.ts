import { and, count, gt, inArray, isNotNull, isNull, lt, or, eq } from "drizzle-orm";
import { db, t } from "@/db";
import { INCIDENT_STATUSES, SEVERITIES } from "@/db/types";
import { authorize } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";
import { nowOf } from "@/lib/services/context";

const OPEN = INCIDENT_STATUSES.filter((s) => s !== "closed" && s !== "resolved");

export interface DashboardSummary {
  generatedAt: string;
  openBySeverity: Record<string, number>;
  openBySeverityAndStatus: { severity: string; status: string; count: number }[];
  openTotal: number;
  majorOpen: number;
  resolvedLast30Days: number;
  access: { activeUsers: number; suspendedUsers: number; grantsExpiringIn14Days: number; timeLimitedAccounts: number };
}

/**
 * Aggregates for the executive dashboard: counts only. No incident titles, summaries, names or
 * sensitive fields are read, so nothing sensitive can reach an executive's browser.
 */
export async function getDashboardSummary(ctx: ServiceContext): Promise<DashboardSummary> {
  authorize(ctx.actor, "dashboard.view");
  const now = nowOf(ctx);
  const in14Days = new Date(now.getTime() + 14 * 86_400_000);
  const ago30Days = new Date(now.getTime() - 30 * 86_400_000);

  const [bySevStatus, [resolved], [active], [suspended], [expiring], [timeLimited]] = await Promise.all([
    db
      .select({ severity: t.incidents.severity, status: t.incidents.status, count: count() })
      .from(t.incidents)
      .where(inArray(t.incidents.status, OPEN))
      .groupBy(t.incidents.severity, t.incidents.status),
    db.select({ n: count() }).from(t.incidents).where(and(isNotNull(t.incidents.resolvedAt), gt(t.incidents.resolvedAt, ago30Days))),
    db.select({ n: count() }).from(t.users).where(eq(t.users.status, "active")),
    db.select({ n: count() }).from(t.users).where(eq(t.users.status, "suspended")),
    db.select({ n: count() }).from(t.grants).where(and(isNull(t.grants.endedAt), gt(t.grants.expiresAt, now), lt(t.grants.expiresAt, in14Days))),
    db.select({ n: count() }).from(t.users).where(and(eq(t.users.status, "active"), or(eq(t.users.employmentType, "contractor"), eq(t.users.employmentType, "vendor")))),
  ]);

  const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<string, number>;
  let openTotal = 0;
  for (const row of bySevStatus) {
    openBySeverity[row.severity] = (openBySeverity[row.severity] ?? 0) + Number(row.count);
    openTotal += Number(row.count);
  }

  return {
    generatedAt: now.toISOString(),
    openBySeverity,
    openBySeverityAndStatus: bySevStatus.map((r) => ({ severity: r.severity, status: r.status, count: Number(r.count) })),
    openTotal,
    majorOpen: (openBySeverity.SEV1 ?? 0) + (openBySeverity.SEV2 ?? 0),
    resolvedLast30Days: Number(resolved?.n ?? 0),
    access: {
      activeUsers: Number(active?.n ?? 0),
      suspendedUsers: Number(suspended?.n ?? 0),
      grantsExpiringIn14Days: Number(expiring?.n ?? 0),
      timeLimitedAccounts: Number(timeLimited?.n ?? 0),
    },
  };
}
