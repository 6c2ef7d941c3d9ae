import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { t, transaction } from "@/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit/emit";
import { revokeAllSessions } from "@/lib/services/auth/sessions";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { loadUserRowFor, STALE_MESSAGE } from "./load";
import { assertMayChangeAccount, assertNotLastOwner } from "./owners";

export const suspendUserInput = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  reason: z.string().trim().max(500).optional(),
});

/** Suspends an active or invited user: their sessions end at once and sign-in is refused until resumed. */
export async function suspendUser(ctx: ServiceContext, input: z.infer<typeof suspendUserInput>) {
  const now = nowOf(ctx);
  return transaction(async (tx) => {
    const user = await loadUserRowFor(tx, ctx, input.id, "user.update");
    if (user.id === ctx.actor.id) throw new ForbiddenError("You cannot suspend yourself. Ask another administrator.", "user.update");
    await assertMayChangeAccount(tx, ctx.actor, user.id, now);
    if (user.status !== "active" && user.status !== "invited") throw new ConflictError(`This user is ${user.status}, so they cannot be suspended.`);
    await assertNotLastOwner(tx, user.id, now, "suspended");

    const updated = await tx
      .update(t.users)
      .set({ status: "suspended", version: user.version + 1, updatedAt: now })
      .where(and(eq(t.users.id, user.id), eq(t.users.version, input.version)))
      .returning({ version: t.users.version });
    if (!updated.length) throw new ConflictError(STALE_MESSAGE);
    const sessionsEnded = await revokeAllSessions(tx, user.id, now);

    await recordAudit(tx, ctx, {
      action: "user.suspend",
      target: { type: "user", id: user.id },
      before: { status: user.status },
      after: { status: "suspended", reason: input.reason ?? null, sessionsEnded },
    });
    return { id: user.id, version: updated[0].version };
  });
}

export const resumeUserInput = z.object({ id: z.string().min(1), version: z.number().int().positive() });

/** Resumes a suspended user: active again when they have a password, otherwise back to invited. */
export async function resumeUser(ctx: ServiceContext, input: z.infer<typeof resumeUserInput>) {
  const now = nowOf(ctx);
  return transaction(async (tx) => {
    const user = await loadUserRowFor(tx, ctx, input.id, "user.update");
    if (user.id === ctx.actor.id) throw new ForbiddenError("You cannot resume yourself. Ask another administrator.", "user.update");
    await assertMayChangeAccount(tx, ctx.actor, user.id, now);
    if (user.status !== "suspended") throw new ConflictError(`This user is ${user.status}, not suspended.`);

    const status = user.passwordHash ? "active" : "invited";
    const updated = await tx
      .update(t.users)
      .set({ status, version: user.version + 1, updatedAt: now })
      .where(and(eq(t.users.id, user.id), eq(t.users.version, input.version)))
      .returning({ version: t.users.version });
    if (!updated.length) throw new ConflictError(STALE_MESSAGE);

    await recordAudit(tx, ctx, { action: "user.resume", target: { type: "user", id: user.id }, before: { status: "suspended" }, after: { status } });
    return { id: user.id, version: updated[0].version, status };
  });
}
