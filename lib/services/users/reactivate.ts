import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { t, transaction } from "@/db";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { createInvitation } from "@/lib/services/onboarding/invitations";
import { endDateProblem } from "./contract";
import { optionalIsoDate } from "./fields";
import { loadUserRowFor, STALE_MESSAGE } from "./load";

export const reactivateUserInput = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  // Required for contractors and vendors whose earlier end date has passed.
  endDate: optionalIsoDate,
});

/**
 * Brings a deactivated user back as the same identity, with their history. Grants are not restored:
 * the user returns with none, and an administrator grants what they need now. A user who never set a
 * password returns as invited with a new invitation link.
 */
export async function reactivateUser(ctx: ServiceContext, raw: z.input<typeof reactivateUserInput>) {
  const input = reactivateUserInput.parse(raw);
  const now = nowOf(ctx);

  return transaction(async (tx) => {
    const user = await loadUserRowFor(tx, ctx, input.id, "user.deactivate");
    if (user.id === ctx.actor.id) throw new ForbiddenError("You cannot reactivate yourself.", "user.deactivate");
    if (user.status === "purged") throw new ConflictError("This user was purged. Onboard the person again as a new user.");
    if (user.status !== "deactivated") throw new ConflictError(`This user is ${user.status}, not deactivated.`);
    if (user.version !== input.version) throw new ConflictError(STALE_MESSAGE);

    const endDate = input.endDate !== undefined ? input.endDate : user.endDate;
    const problem = endDateProblem(ctx.actor, user.employmentType, endDate, null, now);
    if (problem) throw new ValidationError("Set a new end date to reactivate this user.", { endDate: [problem] });

    const status = user.passwordHash ? "active" : "invited";
    const updated = await tx
      .update(t.users)
      .set({ status, endDate, deactivatedAt: null, version: user.version + 1, updatedAt: now })
      .where(and(eq(t.users.id, user.id), eq(t.users.version, input.version)))
      .returning({ version: t.users.version });
    if (!updated.length) throw new ConflictError(STALE_MESSAGE);

    await recordAudit(tx, ctx, {
      action: "user.reactivate",
      target: { type: "user", id: user.id },
      before: { status: "deactivated", deactivatedAt: user.deactivatedAt, endDate: user.endDate },
      after: { status, endDate, grantsRestored: 0 },
    });
    const invitation = status === "invited" ? await createInvitation(tx, ctx, user.id) : null;
    return { id: user.id, version: updated[0].version, status, invitationPath: invitation?.path ?? null };
  });
}
