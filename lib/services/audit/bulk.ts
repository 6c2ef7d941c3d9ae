import { database, type Db } from "@/db";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { bulkInsert } from "@/lib/services/users/bulk-insert";
import { eventFields, lockChainAndReadLastHash, type AuditInput } from "./emit";
import { eventHash } from "./hash";

/**
 * Appends many audit events inside the caller's transaction, chained in the given order. It takes the
 * chain lock and reads the last hash once, then inserts all rows with bulkInsert, so a bulk change (a
 * roster import, an offboarding) writes one event per changed entity without one round trip per event.
 */
export async function recordAuditMany(tx: Db, ctx: ServiceContext, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  let prevHash = await lockChainAndReadLastHash(tx);

  const occurredAt = nowOf(ctx);
  const rows = inputs.map((input) => {
    const fields = eventFields(ctx, input, occurredAt);
    const hash = eventHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });

  await bulkInsert(tx, database().tables.auditEvents, rows);
}
