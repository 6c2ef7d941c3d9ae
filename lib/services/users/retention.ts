import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, t, transaction, type Db } from "@/db";
import { authorize } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";

export const RETENTION_SETTING_KEY = "users.purge_after_days";
export const DEFAULT_RETENTION_DAYS = 30;

/** Days a deactivated user's personal data is kept before the purge job erases it. */
export async function getRetentionDays(executor: Db = db): Promise<number> {
  const [row] = await executor.select({ value: t.settings.value }).from(t.settings).where(eq(t.settings.key, RETENTION_SETTING_KEY)).limit(1);
  const days = row ? Number(row.value) : NaN;
  return Number.isInteger(days) && days >= 0 ? days : DEFAULT_RETENTION_DAYS;
}

export const setRetentionDaysInput = z.object({ days: z.coerce.number().int().min(0, "Use 0 or more days.").max(3650, "Use at most 3650 days.") });

export async function setRetentionDays(ctx: ServiceContext, input: z.infer<typeof setRetentionDaysInput>) {
  authorize(ctx.actor, "settings.manage");
  const now = nowOf(ctx);
  await transaction(async (tx) => {
    const before = await getRetentionDays(tx);
    await tx
      .insert(t.settings)
      .values({ key: RETENTION_SETTING_KEY, value: String(input.days), updatedAt: now })
      .onConflictDoUpdate({ target: t.settings.key, set: { value: String(input.days), updatedAt: now } });
    await recordAudit(tx, ctx, { action: "settings.update", target: { type: "setting", id: RETENTION_SETTING_KEY }, before: { days: before }, after: { days: input.days } });
  });
}
