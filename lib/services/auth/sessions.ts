import { and, eq, gt, isNull, or } from "drizzle-orm";
import { db, t, transaction, type Db } from "@/db";
import { env } from "@/lib/env";
import { isPermission, type Permission } from "@/lib/permissions/catalog";
import { recordAudit } from "@/lib/services/audit/emit";
import type { Actor, ServiceContext } from "@/lib/services/context";

export async function createSession(tx: Db, userId: string, now: Date, ip: string | null, userAgent: string | null) {
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + env.SESSION_MAX_AGE_HOURS * 3_600_000);
  await tx.insert(t.authSessions).values({ id, userId, createdAt: now, expiresAt, ip, userAgent });
  return { id, expiresAt };
}

/**
 * Loads the actor behind a session with one query: the session, its user and the permissions of every
 * active, unexpired grant. Returns null when the session is revoked or expired, or the user is not active,
 * so a deactivated user's saved cookie stops working on its very next request.
 */
export async function loadActorForSession(sessionId: string, now = new Date()): Promise<Actor | null> {
  const s = t.authSessions;
  const u = t.users;
  const g = t.grants;
  const rows = await db
    .select({
      userId: u.id,
      name: u.name,
      email: u.email,
      status: u.status,
      revokedAt: s.revokedAt,
      expiresAt: s.expiresAt,
      teamId: g.teamId,
      roleKey: t.roles.key,
      permission: t.rolePermissions.permission,
    })
    .from(s)
    .innerJoin(u, eq(u.id, s.userId))
    .leftJoin(g, and(eq(g.userId, u.id), isNull(g.endedAt), or(isNull(g.expiresAt), gt(g.expiresAt, now))))
    .leftJoin(t.roles, eq(t.roles.id, g.roleId))
    .leftJoin(t.rolePermissions, eq(t.rolePermissions.roleId, g.roleId))
    .where(eq(s.id, sessionId));

  const first = rows[0];
  if (!first || first.revokedAt || first.expiresAt <= now || first.status !== "active") return null;

  const global = new Set<Permission>();
  const scoped = new Map<Permission, Set<string>>();
  const roleKeys = new Set<string>();
  for (const row of rows) {
    if (row.roleKey && !row.teamId) roleKeys.add(row.roleKey);
    if (!row.permission || !isPermission(row.permission)) continue;
    if (!row.teamId) global.add(row.permission);
    else {
      const teams = scoped.get(row.permission) ?? new Set<string>();
      teams.add(row.teamId);
      scoped.set(row.permission, teams);
    }
  }
  return { type: "user", id: first.userId, name: first.name, email: first.email, global, scoped, roleKeys, sessionId };
}

/**
 * Ends one of the actor's own sessions (sign-out) and audits it. Returns false, and writes no event,
 * when the session is unknown, already ended or belongs to someone else.
 */
export async function revokeSession(ctx: ServiceContext, sessionId: string): Promise<boolean> {
  const userId = ctx.actor.id;
  if (!userId) throw new Error("revokeSession needs a user actor");
  return transaction(async (tx) => {
    const ended = await tx
      .update(t.authSessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(t.authSessions.id, sessionId), eq(t.authSessions.userId, userId), isNull(t.authSessions.revokedAt)))
      .returning({ id: t.authSessions.id });
    if (!ended.length) return false;
    await recordAudit(tx, ctx, { action: "auth.sign_out", target: { type: "session", id: sessionId } });
    return true;
  });
}

/** Ends every session of a user; used by "sign out everywhere" and by deactivation. */
export async function revokeAllSessions(tx: Db, userId: string, now: Date): Promise<number> {
  const ended = await tx
    .update(t.authSessions)
    .set({ revokedAt: now })
    .where(and(eq(t.authSessions.userId, userId), isNull(t.authSessions.revokedAt)))
    .returning({ id: t.authSessions.id });
  return ended.length;
}

export async function signOutEverywhere(ctx: ServiceContext) {
  const userId = ctx.actor.id;
  if (!userId) throw new Error("signOutEverywhere needs a user actor");
  await transaction(async (tx) => {
    const count = await revokeAllSessions(tx, userId, new Date());
    await recordAudit(tx, ctx, { action: "auth.sign_out_everywhere", target: { type: "user", id: userId }, after: { sessionsEnded: count } });
  });
}
