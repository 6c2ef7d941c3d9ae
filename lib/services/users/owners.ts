import { and, count, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { database, t, type Db } from "@/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { OWNER_ROLE_KEY } from "@/lib/permissions/roles";
import { isOwner } from "@/lib/services/grants/assign";
import type { Actor } from "@/lib/services/context";

// Serializes Owner-removing changes on Postgres, so two concurrent offboardings cannot each see the
// other Owner and remove both. SQLite transactions are already serialized.
const OWNER_CHANGE_LOCK = 74_060_002;

function activeOwnerGrant(now: Date) {
  return and(
    eq(t.roles.key, OWNER_ROLE_KEY),
    isNull(t.grants.teamId),
    isNull(t.grants.endedAt),
    or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now)),
  );
}

/** Whether the user holds an active, organization-wide Owner grant. */
export async function holdsOwner(executor: Db, userId: string, now: Date): Promise<boolean> {
  const [row] = await executor
    .select({ id: t.grants.id })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .where(and(eq(t.grants.userId, userId), activeOwnerGrant(now)))
    .limit(1);
  return Boolean(row);
}

/**
 * Rejects a change that would leave the organization without an active Owner: call it inside the
 * transaction that suspends, deactivates or demotes `userId`, before the change.
 */
export async function assertNotLastOwner(tx: Db, userId: string, now: Date, change: string): Promise<void> {
  if (!(await holdsOwner(tx, userId, now))) return;
  if (database().dialect === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(${OWNER_CHANGE_LOCK})`);

  const [row] = await tx
    .select({ n: count() })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .innerJoin(t.users, eq(t.users.id, t.grants.userId))
    .where(and(activeOwnerGrant(now), eq(t.users.status, "active"), ne(t.users.id, userId)));
  if (Number(row?.n ?? 0) === 0) {
    throw new ConflictError(`This user is the last active Owner, so they cannot be ${change}. Make another user an Owner first.`);
  }
}

/** Only an Owner may change an Owner's account, in the same way that only Owners grant Owner. */
export async function assertMayChangeAccount(tx: Db, actor: Actor, userId: string, now: Date): Promise<void> {
  if (actor.type === "system" || isOwner(actor)) return;
  if (await holdsOwner(tx, userId, now)) {
    throw new ForbiddenError("Only an Owner can change an Owner's account.", "user.update");
  }
}

/**
 * Rejects ending `grantId` when it is the last active, organization-wide Owner grant of an active user.
 * Call it inside the transaction that ends the grant, before the change. The Owner lock is taken
 * before anything is read, so two transactions that end the last two Owner grants run one after the
 * other and the second reads the first one's end.
 */
export async function assertOwnerGrantNotLast(tx: Db, grantId: string, now: Date): Promise<void> {
  if (database().dialect === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(${OWNER_CHANGE_LOCK})`);

  const ownerGrants = await tx
    .select({ id: t.grants.id })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .innerJoin(t.users, eq(t.users.id, t.grants.userId))
    .where(and(activeOwnerGrant(now), eq(t.users.status, "active")));

  const counted = ownerGrants.some((grant) => grant.id === grantId);
  if (counted && ownerGrants.length === 1) {
    throw new ConflictError("This is the last active Owner grant, so it cannot be ended. Make another user an Owner first.");
  }
}
