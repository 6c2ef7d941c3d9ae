import { eq } from "drizzle-orm";
import { t, type Db } from "@/db";
import { NotFoundError } from "@/lib/errors";

/** The full user row, for services that change it; throws NotFoundError when missing. */
export async function loadUserRow(executor: Db, id: string) {
  const [row] = await executor.select().from(t.users).where(eq(t.users.id, id)).limit(1);
  if (!row) throw new NotFoundError("User");
  return row;
}

export type UserRow = Awaited<ReturnType<typeof loadUserRow>>;

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
