import { transaction } from "@/db";
import type { ForbiddenError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { ServiceContext } from "@/lib/services/context";
import { recordAudit } from "./emit";

/** Records a refused attempt. It runs in its own transaction because the refused one was rolled back. */
export async function recordDenied(ctx: ServiceContext, error: ForbiddenError): Promise<void> {
  try {
    await transaction((tx) =>
      recordAudit(tx, ctx, { action: "access.denied", target: { type: "permission", id: error.permission ?? null }, after: { message: error.message } }),
    );
  } catch (err) {
    logger.error({ err, requestId: ctx.requestId, actorId: ctx.actor.id }, "failed to record a denied attempt");
  }
}
