import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db, t, transaction, type Db } from "@/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { hashPassword } from "@/lib/services/auth/passwords";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { assertMayChangeAccount } from "@/lib/services/users/owners";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

export const INVITATION_TTL_DAYS = 7;

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Returns the console path of an invitation. The token is base64url, so the link needs no escaping. */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/**
 * Creates a single-use invitation inside the caller's transaction and returns its token. Only the
 * token's hash is stored, so the link can be shown once and never read back from the database.
 */
export async function createInvitation(tx: Db, ctx: ServiceContext, userId: string) {
  const now = nowOf(ctx);
  const token = randomBytes(32).toString("base64url");
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);

  await tx.insert(t.invitations).values({ id, userId, tokenHash: hashInvitationToken(token), createdBy: ctx.actor.id, createdAt: now, expiresAt });
  await recordAudit(tx, ctx, { action: "invitation.create", target: { type: "user", id: userId }, after: { invitationId: id, expiresAt } });
  return { token, path: invitationPath(token), expiresAt };
}

/** Revokes every pending invitation of a user inside the caller's transaction; returns their ids. */
export async function revokePendingInvitations(tx: Db, userId: string, now: Date): Promise<string[]> {
  const revoked = await tx
    .update(t.invitations)
    .set({ revokedAt: now })
    .where(and(eq(t.invitations.userId, userId), isNull(t.invitations.usedAt), isNull(t.invitations.revokedAt)))
    .returning({ id: t.invitations.id });
  return revoked.map((r) => r.id);
}

export const reissueInvitationInput = z.object({ userId: z.string().min(1) });

/** Replaces an invited user's pending invitations with a new link. */
export async function reissueInvitation(ctx: ServiceContext, input: z.infer<typeof reissueInvitationInput>) {
  return transaction(async (tx) => {
    const [user] = await tx.select({ id: t.users.id, status: t.users.status, teamId: t.users.teamId }).from(t.users).where(eq(t.users.id, input.userId)).limit(1);
    if (!user) throw new NotFoundError("User");
    authorize(ctx.actor, "user.invite", user.teamId);
    await assertMayChangeAccount(tx, ctx.actor, user.id, nowOf(ctx));
    if (user.status !== "invited") throw new ConflictError(`This user is ${user.status}; only invited users get an invitation link.`);

    const revoked = await revokePendingInvitations(tx, user.id, nowOf(ctx));
    if (revoked.length) {
      await recordAudit(tx, ctx, { action: "invitation.revoke", target: { type: "user", id: user.id }, after: { invitationIds: revoked, reason: "replaced" } });
    }
    return createInvitation(tx, ctx, user.id);
  });
}

export type InvitationState = "valid" | "used" | "expired" | "revoked" | "unknown";

/** Returns what the public invitation page may show about a token: its state and, while valid, whose it is. */
export async function lookupInvitation(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" as InvitationState };
  const [row] = await db
    .select({ usedAt: t.invitations.usedAt, revokedAt: t.invitations.revokedAt, expiresAt: t.invitations.expiresAt, name: t.users.name, email: t.users.email, status: t.users.status })
    .from(t.invitations)
    .innerJoin(t.users, eq(t.users.id, t.invitations.userId))
    .where(eq(t.invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  if (!row) return { state: "unknown" as InvitationState };
  if (row.usedAt) return { state: "used" as InvitationState };
  if (row.revokedAt || row.status !== "invited") return { state: "revoked" as InvitationState };
  if (row.expiresAt <= now) return { state: "expired" as InvitationState };
  return { state: "valid" as InvitationState, name: row.name, email: row.email };
}

export const acceptInvitationInput = z
  .object({
    token: z.string().min(20).max(100),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(256, "Use at most 256 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export interface PublicRequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}

const INVALID_LINK = "This invitation link is not valid any more. Ask your administrator for a new one.";

/**
 * Sets the invited user's password and activates the account. The invitation is marked used in the
 * same transaction with a conditional update, so a link works once even when submitted twice at once.
 */
export async function acceptInvitation(meta: PublicRequestMeta, input: z.infer<typeof acceptInvitationInput>) {
  const passwordHash = await hashPassword(input.password);
  const now = meta.now ?? new Date();

  return transaction(async (tx) => {
    const [row] = await tx
      .select({ id: t.invitations.id, userId: t.invitations.userId, expiresAt: t.invitations.expiresAt, usedAt: t.invitations.usedAt, revokedAt: t.invitations.revokedAt })
      .from(t.invitations)
      .where(eq(t.invitations.tokenHash, hashInvitationToken(input.token)))
      .limit(1);
    if (!row || row.usedAt || row.revokedAt || row.expiresAt <= now) throw new ValidationError(INVALID_LINK);

    const [user] = await tx.select({ id: t.users.id, name: t.users.name, email: t.users.email, status: t.users.status, version: t.users.version }).from(t.users).where(eq(t.users.id, row.userId)).limit(1);
    if (!user || user.status !== "invited") throw new ValidationError(INVALID_LINK);

    const claimed = await tx
      .update(t.invitations)
      .set({ usedAt: now })
      .where(and(eq(t.invitations.id, row.id), isNull(t.invitations.usedAt), isNull(t.invitations.revokedAt)))
      .returning({ id: t.invitations.id });
    if (!claimed.length) throw new ValidationError(INVALID_LINK);

    await tx.update(t.users).set({ passwordHash, status: "active", version: user.version + 1, updatedAt: now }).where(eq(t.users.id, user.id));
    const ctx: ServiceContext = {
      actor: { type: "user", id: user.id, name: user.name, email: user.email, global: new Set(), scoped: new Map(), roleKeys: new Set() },
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      now,
    };
    await recordAudit(tx, ctx, { action: "invitation.accept", target: { type: "user", id: user.id }, before: { status: "invited" }, after: { status: "active", invitationId: row.id } });
    return { email: user.email };
  });
}
