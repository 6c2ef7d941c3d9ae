import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { t, transaction } from "@/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { OWNER_ROLE_KEY } from "@/lib/permissions/roles";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { createInvitation } from "@/lib/services/onboarding/invitations";
import { normalizeEmail } from "@/lib/services/users/email";

export const createFirstOwnerInput = z.object({
  name: z.string().trim().min(1, "Enter the Owner's name.").max(200),
  email: z
    .string()
    .max(320)
    .transform((value, issue) => {
      const email = normalizeEmail(value);
      if (!email) issue.addIssue({ code: "custom", message: "Enter a valid email address, such as name@example.com." });
      return email ?? "";
    }),
});

/**
 * Creates the first Owner of an empty organization, as an invited user with a single-use invitation
 * link. It runs only from the command line (the system actor), and only while no active Owner exists,
 * so it cannot be used to add a second Owner behind the existing ones' backs.
 */
export async function createFirstOwner(ctx: ServiceContext, raw: z.input<typeof createFirstOwnerInput>) {
  if (ctx.actor.type !== "system") throw new ForbiddenError("Only the owner:create command creates the first Owner.");
  const input = createFirstOwnerInput.parse(raw);
  const now = nowOf(ctx);

  return transaction(async (tx) => {
    const [owners] = await tx
      .select({ n: count() })
      .from(t.grants)
      .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
      .innerJoin(t.users, eq(t.users.id, t.grants.userId))
      .where(
        and(
          eq(t.roles.key, OWNER_ROLE_KEY),
          isNull(t.grants.teamId),
          isNull(t.grants.endedAt),
          or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now)),
          or(eq(t.users.status, "active"), eq(t.users.status, "invited")),
        ),
      );
    if (Number(owners?.n ?? 0) > 0) {
      throw new ConflictError("An Owner already exists. Sign in as that Owner and onboard people from the console.");
    }

    const [taken] = await tx.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, input.email)).limit(1);
    if (taken) throw new ConflictError(`A user with the email ${input.email} already exists.`, { email: ["This email is taken."] });

    const userId = crypto.randomUUID();
    const user = { id: userId, email: input.email, name: input.name.normalize("NFC"), employmentType: "employee" as const, status: "invited" as const, source: "manual" as const };
    await tx.insert(t.users).values({ ...user, createdAt: now, updatedAt: now });
    await recordAudit(tx, ctx, { action: "user.create", target: { type: "user", id: userId }, after: user });

    const grantId = crypto.randomUUID();
    const grant = { id: grantId, userId, roleId: `role_${OWNER_ROLE_KEY}`, grantedAt: now, source: "manual" as const, reason: "First Owner of the organization" };
    await tx.insert(t.grants).values(grant);
    await recordAudit(tx, ctx, { action: "grant.create", target: { type: "grant", id: grantId }, after: grant });

    const invitation = await createInvitation(tx, ctx, userId);
    return { userId, email: input.email, ...invitation };
  });
}
