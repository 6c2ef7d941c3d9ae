import { asc, gt } from "drizzle-orm";
import { db, t } from "@/db";
import { eventHash, GENESIS_HASH } from "./hash";

export interface VerifyReport {
  checked: number;
  ok: boolean;
  firstBrokenId: number | null;
  problem: string | null;
}

/** Recomputes the hash chain in id order, in pages, and reports the first event that does not match. */
export async function verifyAuditChain(pageSize = 5000): Promise<VerifyReport> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;

  for (;;) {
    const page = await db.select().from(t.auditEvents).where(gt(t.auditEvents.id, afterId)).orderBy(asc(t.auditEvents.id)).limit(pageSize);
    if (page.length === 0) break;

    for (const e of page) {
      if (e.prevHash !== prevHash) {
        return { checked, ok: false, firstBrokenId: e.id, problem: "its predecessor hash does not match the previous event" };
      }
      const expected = eventHash(prevHash, e);
      if (e.hash !== expected) return { checked, ok: false, firstBrokenId: e.id, problem: "its content does not match its hash" };
      prevHash = e.hash;
      afterId = e.id;
      checked += 1;
    }
  }
  return { checked, ok: true, firstBrokenId: null, problem: null };
}
