import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, t } from "@/db";
import { authorize } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";
import { AUDIT_ACTIONS } from "./actions";
import { withPseudonyms } from "./pseudonyms";

// Keyset pagination on the event id, newest first: `before` pages to older events, `after` back to
// newer ones. Unlike an offset, the cost of a page does not grow with its distance from the newest event.
export const auditListQuery = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  after: z.coerce.number().int().nonnegative().optional().catch(undefined),
  perPage: z.coerce.number().int().min(10).max(200).catch(50),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export interface AuditEventRow {
  id: number;
  occurredAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
}

export interface AuditPage {
  rows: AuditEventRow[];
  // Cursors for the neighbouring pages, or null at either end of the log.
  olderThan: number | null;
  newerThan: number | null;
}

/** Returns one page of the audit log, newest first. Needs audit.view. */
export async function listAuditEvents(ctx: ServiceContext, query: AuditListQuery): Promise<AuditPage> {
  authorize(ctx.actor, "audit.view");

  const e = t.auditEvents;
  const forward = query.after === undefined;
  const filters: SQL[] = [];
  if (query.action) filters.push(eq(e.action, query.action));
  if (!forward) filters.push(gt(e.id, query.after!));
  else if (query.before !== undefined) filters.push(lt(e.id, query.before));

  // One extra row shows whether another page exists in the direction of travel.
  const fetched = await db
    .select({
      id: e.id,
      occurredAt: e.occurredAt,
      action: e.action,
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorName,
      targetType: e.targetType,
      targetId: e.targetId,
      ip: e.ip,
    })
    .from(e)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(forward ? desc(e.id) : asc(e.id))
    .limit(query.perPage + 1);

  const more = fetched.length > query.perPage;
  const page = await withPseudonyms(fetched.slice(0, query.perPage));
  const rows = forward ? page : page.reverse();
  if (rows.length === 0) return { rows, olderThan: null, newerThan: null };

  const newest = rows[0].id;
  const oldest = rows[rows.length - 1].id;
  // Paging to older events: an older page exists when one more row was fetched, and a newer one when
  // the request started from a cursor. Paging back to newer events: the reverse.
  if (forward) {
    return { rows, olderThan: more ? oldest : null, newerThan: query.before !== undefined ? newest : null };
  }
  return { rows, olderThan: oldest, newerThan: more ? newest : null };
}
