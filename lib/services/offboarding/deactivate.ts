import { and, eq, isNull } from "drizzle-orm";
import { t, type Db } from "@/db";
import type { AuditInput } from "@/lib/services/audit/emit";
import { revokeAllSessions } from "@/lib/services/auth/sessions";
import type { ServiceContext } from "@/lib/services/context";
import { revokePendingInvitations } from "@/lib/services/onboarding/invitations";
import type { UserRow } from "@/lib/services/users/load";

/**
 * Ends everything that lets the user act, inside the caller's transaction: sessions, API and SCIM
 * tokens, pending invitations, grants and pending access requests; then marks the user deactivated.
 * Returns the audit events to record, the user.deactivate event last, so callers can add their own
 * handover events before it. loadActorForSession refuses a deactivated user, so the user's next
 * request fails even on a session this missed.
 */
export async function endAccess(tx: Db, ctx: ServiceContext, user: UserRow, now: Date, details: Record<string, unknown>) {
  const events: AuditInput[] = [];

  const sessionsEnded = await revokeAllSessions(tx, user.id, now);
  const tokens = await tx
    .update(t.apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(t.apiTokens.ownerId, user.id), isNull(t.apiTokens.revokedAt)))
    .returning({ id: t.apiTokens.id });
  const invitations = await revokePendingInvitations(tx, user.id, now);
  if (invitations.length) events.push({ action: "invitation.revoke", target: { type: "user", id: user.id }, after: { invitationIds: invitations, reason: "deactivated" } });

  const grants = await tx
    .update(t.grants)
    .set({ endedAt: now, endedBy: ctx.actor.id, endReason: "deactivated" })
    .where(and(eq(t.grants.userId, user.id), isNull(t.grants.endedAt)))
    .returning({ id: t.grants.id, roleId: t.grants.roleId, teamId: t.grants.teamId, expiresAt: t.grants.expiresAt });
  for (const g of grants) {
    events.push({ action: "grant.end", target: { type: "grant", id: g.id }, before: { userId: user.id, roleId: g.roleId, teamId: g.teamId, expiresAt: g.expiresAt }, after: { endedAt: now, endReason: "deactivated" } });
  }

  const requests = await tx
    .update(t.accessRequests)
    .set({ status: "cancelled", decidedAt: now, decisionReason: "requester deactivated" })
    .where(and(eq(t.accessRequests.userId, user.id), eq(t.accessRequests.status, "pending")))
    .returning({ id: t.accessRequests.id });
  for (const r of requests) {
    events.push({ action: "access_request.cancel", target: { type: "access_request", id: r.id }, before: { status: "pending" }, after: { status: "cancelled", reason: "requester deactivated" } });
  }

  await tx.update(t.users).set({ status: "deactivated", deactivatedAt: now, version: user.version + 1, updatedAt: now }).where(eq(t.users.id, user.id));
  events.push({
    action: "user.deactivate",
    target: { type: "user", id: user.id },
    before: { status: user.status },
    after: {
      status: "deactivated",
      sessionsEnded,
      tokensRevoked: tokens.map((tk) => tk.id),
      invitationsRevoked: invitations.length,
      grantsEnded: grants.length,
      accessRequestsCancelled: requests.length,
      ...details,
    },
  });
  return { events, version: user.version + 1, counts: { sessionsEnded, tokensRevoked: tokens.length, grantsEnded: grants.length } };
}
