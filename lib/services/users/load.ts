import { eq } from "drizzle-orm";
import { t, type Db } from "@/db";
import { NotFoundError } from "@/lib/errors";
import type { Permission } from "@/lib/permissions/catalog";
import { authorize, canAnywhere } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";
import { isValidText } from "@/lib/validation/text";

/** The full user row, for services that change it; throws NotFoundError when missing. */
export async function loadUserRow(executor: Db, id: string) {
  // Postgres rejects a NUL character in a query parameter; no stored id contains one.
  if (!isValidText(id)) throw new NotFoundError("User");
  const [row] = await executor.select().from(t.users).where(eq(t.users.id, id)).limit(1);
  if (!row) throw new NotFoundError("User");
  return row;
}

export type UserRow = Awaited<ReturnType<typeof loadUserRow>>;

/**
 * Loads a user for a change that needs `permission` on their team. An actor who has the permission on
 * no team is rejected before the read, so a made-up id and a real one both give FORBIDDEN and the
 * answer does not tell whether the user exists.
 */
export async function loadUserRowFor(executor: Db, ctx: ServiceContext, id: string, permission: Permission) {
  if (!canAnywhere(ctx.actor, permission)) authorize(ctx.actor, permission);
  const user = await loadUserRow(executor, id);
  authorize(ctx.actor, permission, user.teamId);
  return user;
}

// The fields an audit event shows for a user's profile; never the password hash.
export function profileOf(user: UserRow) {
  return {
    email: user.email,
    name: user.name,
    title: user.title,
    teamId: user.teamId,
    managerId: user.managerId,
    employmentType: user.employmentType,
    startDate: user.startDate,
    endDate: user.endDate,
    location: user.location,
    status: user.status,
  };
}

export const STALE_MESSAGE =
  "Someone else changed this user after you opened the form. Reload the page to see their changes, then apply yours again.";
