import { and, eq, inArray } from "drizzle-orm";
import { db, t } from "@/db";

/**
 * Replaces the actor name of events whose actor has since been purged with the pseudonym now stored
 * as that user's name. The stored events keep the old name because the log is append-only. Every view
 * of the log goes through this, so a purged person's name is not shown again.
 */
export async function withPseudonyms<T extends { actorType: string; actorId: string | null; actorName: string | null }>(rows: T[]): Promise<T[]> {
  const ids = [...new Set(rows.filter((r) => r.actorType === "user" && r.actorId).map((r) => r.actorId as string))];
  if (ids.length === 0) return rows;

  const purged = await db
    .select({ id: t.users.id, name: t.users.name })
    .from(t.users)
    .where(and(inArray(t.users.id, ids), eq(t.users.status, "purged")));
  if (purged.length === 0) return rows;

  const pseudonyms = new Map(purged.map((u) => [u.id, u.name]));
  return rows.map((r) => (r.actorId && pseudonyms.has(r.actorId) ? { ...r, actorName: pseudonyms.get(r.actorId)! } : r));
}
