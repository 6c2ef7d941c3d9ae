import { and, count, eq, gt, inArray, isNull, ne, or } from "drizzle-orm";
import { db, t, type Db } from "@/db";
import { INCIDENT_STATUSES, MAJOR_SEVERITIES, type Severity } from "@/db/types";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { loadUserRow, loadUserRowFor } from "@/lib/services/users/load";
import { holdsOwner } from "@/lib/services/users/owners";

export const OPEN_INCIDENT_STATUSES = INCIDENT_STATUSES.filter((s) => s !== "resolved" && s !== "closed");

export function isMajor(severity: Severity): boolean {
  return MAJOR_SEVERITIES.includes(severity);
}

export type OffboardingImpact = Awaited<ReturnType<typeof collectImpact>>;

/** Returns what offboarding the user would touch, for the preview page. Needs user.deactivate for their team. */
export async function offboardingImpact(ctx: ServiceContext, userId: string) {
  const user = await loadUserRowFor(db, ctx, userId, "user.deactivate");
  return collectImpact(db, userId, nowOf(ctx));
}

/**
 * Collects everything that depends on the user. That is the open incidents they are assigned to or
 * command, their schedules with current and future shifts, the teams they manage, grants, pending access
 * requests, review items they must decide, tokens, invitations and sessions. It runs on the given
 * executor, so the offboarding transaction recomputes it from the same snapshot that it changes.
 */
export async function collectImpact(executor: Db, userId: string, now: Date) {
  const user = await loadUserRow(executor, userId);

  const incidents = await executor
    .select({ id: t.incidents.id, number: t.incidents.number, title: t.incidents.title, severity: t.incidents.severity, status: t.incidents.status, teamId: t.incidents.teamId, assigneeId: t.incidents.assigneeId, commanderId: t.incidents.commanderId, version: t.incidents.version })
    .from(t.incidents)
    .where(and(inArray(t.incidents.status, OPEN_INCIDENT_STATUSES), or(eq(t.incidents.assigneeId, userId), eq(t.incidents.commanderId, userId))))
    .orderBy(t.incidents.number);

  const memberships = await executor
    .select({ scheduleId: t.scheduleMembers.scheduleId, position: t.scheduleMembers.position })
    .from(t.scheduleMembers)
    .where(eq(t.scheduleMembers.userId, userId));
  const shifts = await executor
    .select({ id: t.shifts.id, scheduleId: t.shifts.scheduleId, startsAt: t.shifts.startsAt, endsAt: t.shifts.endsAt })
    .from(t.shifts)
    .where(and(eq(t.shifts.userId, userId), gt(t.shifts.endsAt, now)))
    .orderBy(t.shifts.startsAt);
  const scheduleIds = [...new Set([...memberships.map((m) => m.scheduleId), ...shifts.map((s) => s.scheduleId)])];
  const scheduleRows = scheduleIds.length
    ? await executor.select({ id: t.oncallSchedules.id, name: t.oncallSchedules.name, teamId: t.oncallSchedules.teamId }).from(t.oncallSchedules).where(inArray(t.oncallSchedules.id, scheduleIds))
    : [];
  const otherMembers = scheduleIds.length
    ? await executor
        .select({ scheduleId: t.scheduleMembers.scheduleId, n: count() })
        .from(t.scheduleMembers)
        .where(and(inArray(t.scheduleMembers.scheduleId, scheduleIds), ne(t.scheduleMembers.userId, userId)))
        .groupBy(t.scheduleMembers.scheduleId)
    : [];
  const schedules = scheduleRows.map((s) => {
    const own = shifts.filter((sh) => sh.scheduleId === s.id);
    return {
      ...s,
      position: memberships.find((m) => m.scheduleId === s.id)?.position ?? null,
      onlyMember: Number(otherMembers.find((o) => o.scheduleId === s.id)?.n ?? 0) === 0,
      currentShift: own.find((sh) => sh.startsAt <= now) ?? null,
      futureShifts: own.filter((sh) => sh.startsAt > now),
    };
  });

  const managed = await executor
    .select({ teamId: t.teamManagers.teamId, name: t.teams.name })
    .from(t.teamManagers)
    .innerJoin(t.teams, eq(t.teams.id, t.teamManagers.teamId))
    .where(eq(t.teamManagers.userId, userId));
  const coManagers = managed.length
    ? await executor
        .select({ teamId: t.teamManagers.teamId, n: count() })
        .from(t.teamManagers)
        .innerJoin(t.users, eq(t.users.id, t.teamManagers.userId))
        .where(and(inArray(t.teamManagers.teamId, managed.map((m) => m.teamId)), ne(t.teamManagers.userId, userId), eq(t.users.status, "active")))
        .groupBy(t.teamManagers.teamId)
    : [];
  const teams = managed.map((m) => ({ id: m.teamId, name: m.name, lastManager: Number(coManagers.find((c) => c.teamId === m.teamId)?.n ?? 0) === 0 }));

  const grants = await executor
    .select({ id: t.grants.id, roleId: t.grants.roleId, roleKey: t.roles.key, roleName: t.roles.name, teamId: t.grants.teamId, expiresAt: t.grants.expiresAt })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .where(and(eq(t.grants.userId, userId), isNull(t.grants.endedAt)));

  const accessRequests = await executor
    .select({ id: t.accessRequests.id, roleName: t.roles.name, requestedUntil: t.accessRequests.requestedUntil })
    .from(t.accessRequests)
    .innerJoin(t.roles, eq(t.roles.id, t.accessRequests.roleId))
    .where(and(eq(t.accessRequests.userId, userId), eq(t.accessRequests.status, "pending")));

  const reviewItems = await executor
    .select({ id: t.reviewItems.id, campaignId: t.reviewItems.campaignId, campaignName: t.reviewCampaigns.name, subjectId: t.reviewItems.userId, fallbackReviewerId: t.reviewCampaigns.fallbackReviewerId })
    .from(t.reviewItems)
    .innerJoin(t.reviewCampaigns, eq(t.reviewCampaigns.id, t.reviewItems.campaignId))
    .where(and(eq(t.reviewItems.reviewerId, userId), eq(t.reviewItems.decision, "pending"), eq(t.reviewCampaigns.status, "active")));

  const tokens = await executor
    .select({ id: t.apiTokens.id, name: t.apiTokens.name, kind: t.apiTokens.kind, prefix: t.apiTokens.prefix })
    .from(t.apiTokens)
    .where(and(eq(t.apiTokens.ownerId, userId), isNull(t.apiTokens.revokedAt)));

  const [invitations] = await executor
    .select({ n: count() })
    .from(t.invitations)
    .where(and(eq(t.invitations.userId, userId), isNull(t.invitations.usedAt), isNull(t.invitations.revokedAt)));
  const [sessions] = await executor
    .select({ n: count() })
    .from(t.authSessions)
    .where(and(eq(t.authSessions.userId, userId), isNull(t.authSessions.revokedAt), gt(t.authSessions.expiresAt, now)));
  const [reports] = await executor.select({ n: count() }).from(t.users).where(and(eq(t.users.managerId, userId), ne(t.users.status, "purged")));

  return {
    user: { id: user.id, name: user.name, email: user.email, status: user.status, teamId: user.teamId, version: user.version, isOwner: await holdsOwner(executor, user.id, now) },
    incidents: incidents.map((i) => ({ ...i, asAssignee: i.assigneeId === userId, asCommander: i.commanderId === userId })),
    schedules,
    teams,
    grants,
    accessRequests,
    reviewItems,
    tokens,
    pendingInvitations: Number(invitations?.n ?? 0),
    activeSessions: Number(sessions?.n ?? 0),
    directReports: Number(reports?.n ?? 0),
  };
}

/** Up to 200 active people to suggest as takers: the leaver's team, then their rotations' members. */
export async function handoverCandidates(ctx: ServiceContext, userId: string) {
  const user = await loadUserRowFor(db, ctx, userId, "user.deactivate");
  const teammates = user.teamId
    ? await db
        .select({ id: t.users.id, name: t.users.name, email: t.users.email })
        .from(t.users)
        .where(and(eq(t.users.teamId, user.teamId), eq(t.users.status, "active"), ne(t.users.id, userId)))
        .orderBy(t.users.name, t.users.id)
        .limit(200)
    : [];
  const rotation = await db
    .selectDistinct({ id: t.users.id, name: t.users.name, email: t.users.email })
    .from(t.scheduleMembers)
    .innerJoin(t.users, eq(t.users.id, t.scheduleMembers.userId))
    .where(and(inArray(t.scheduleMembers.scheduleId, db.select({ id: t.scheduleMembers.scheduleId }).from(t.scheduleMembers).where(eq(t.scheduleMembers.userId, userId))), eq(t.users.status, "active"), ne(t.users.id, userId)))
    .limit(200);
  const seen = new Set<string>();
  return [...teammates, ...rotation].filter((p) => !seen.has(p.id) && seen.add(p.id)).slice(0, 200);
}
