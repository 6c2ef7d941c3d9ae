import { eq, inArray, sql } from "drizzle-orm";
import { t, type Db } from "@/db";
import { ValidationError } from "@/lib/errors";
import { normalizeEmail } from "./email";

/** Finds a user by email without regard to case or surrounding spaces. */
export async function findUserByEmail(executor: Db, email: string) {
  const normalized = normalizeEmail(email);
  if (!normalized) return undefined;
  const [row] = await executor
    .select({ id: t.users.id, email: t.users.email, name: t.users.name, status: t.users.status, managerId: t.users.managerId })
    .from(t.users)
    .where(eq(sql`lower(${t.users.email})`, normalized))
    .limit(1);
  return row;
}

const LOOKUP_CHUNK = 500;

/** Users by normalized email, looked up in chunks so a large roster never builds one huge IN list. */
export async function findUsersByEmails(executor: Db, normalizedEmails: readonly string[]) {
  const found = new Map<string, { id: string; email: string; status: string }>();
  for (let i = 0; i < normalizedEmails.length; i += LOOKUP_CHUNK) {
    const chunk = normalizedEmails.slice(i, i + LOOKUP_CHUNK);
    const rows = await executor
      .select({ id: t.users.id, email: t.users.email, status: t.users.status })
      .from(t.users)
      .where(inArray(sql`lower(${t.users.email})`, chunk));
    for (const row of rows) found.set(row.email.toLowerCase(), row);
  }
  return found;
}

/**
 * Resolves an optional manager email to an active or invited user's id, as a field error otherwise.
 * `forUserId` rejects a person as their own manager and a manager chain that would loop back to them.
 */
export async function resolveManager(executor: Db, managerEmail: string | null | undefined, forUserId: string | null, field = "managerEmail") {
  if (!managerEmail) return null;
  const manager = await findUserByEmail(executor, managerEmail);
  if (!manager || manager.status === "deactivated" || manager.status === "purged") {
    throw new ValidationError("Pick an existing manager.", { [field]: [`No active user has the email ${managerEmail.trim()}.`] });
  }
  if (forUserId) {
    if (manager.id === forUserId) throw new ValidationError("Pick another manager.", { [field]: ["A person cannot be their own manager."] });
    await assertNoManagerLoop(executor, manager.id, forUserId, field);
  }
  return manager.id;
}

// Walks up from the proposed manager; reaching the user means the change would close a loop.
async function assertNoManagerLoop(executor: Db, managerId: string, userId: string, field: string) {
  let current: string | null = managerId;
  for (let depth = 0; current && depth < 50; depth++) {
    const [row] = await executor.select({ managerId: t.users.managerId }).from(t.users).where(eq(t.users.id, current)).limit(1);
    current = row?.managerId ?? null;
    if (current === userId) {
      throw new ValidationError("Pick another manager.", { [field]: ["This manager reports to the user, directly or indirectly."] });
    }
  }
}
