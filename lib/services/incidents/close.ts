import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { t, transaction } from "@/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { canCloseIncident, canViewIncident, closePermissionFor } from "./visibility";

export const closeIncidentInput = z.object({
  id: z.string().min(1),
  resolutionNote: z.string().trim().max(2000).optional(),
});

/** Closes an incident. SEV1 and SEV2 need incident.close_major; SEV3 and SEV4 need incident.close. */
export async function closeIncident(ctx: ServiceContext, input: z.infer<typeof closeIncidentInput>) {
  return transaction(async (tx) => {
    const [incident] = await tx.select().from(t.incidents).where(eq(t.incidents.id, input.id)).limit(1);
    if (!incident || !canViewIncident(ctx.actor, incident)) throw new NotFoundError("Incident");
    if (incident.status === "closed") throw new ConflictError("This incident is already closed.");

    if (!canCloseIncident(ctx.actor, incident)) {
      const needed = closePermissionFor(incident.severity);
      const why = needed === "incident.close_major" ? `${incident.severity} is a major incident: only an Incident Commander may close it.` : "You may not close this incident.";
      throw new ForbiddenError(why, needed);
    }

    const now = nowOf(ctx);
    // On Postgres two concurrent closes both read the incident as open, so the version condition lets
    // only the first update match. It also rejects a close that races an escalation to SEV1 or SEV2.
    const closed = await tx
      .update(t.incidents)
      .set({ status: "closed", closedAt: now, closedBy: ctx.actor.id, resolvedAt: incident.resolvedAt ?? now, updatedAt: now, version: incident.version + 1 })
      .where(and(eq(t.incidents.id, incident.id), eq(t.incidents.version, incident.version)))
      .returning({ id: t.incidents.id });
    if (!closed.length) {
      throw new ConflictError("Someone else changed or closed this incident at the same time. Reload the page to see its current state.");
    }
    await recordAudit(tx, ctx, {
      action: "incident.close",
      target: { type: "incident", id: incident.id },
      before: { status: incident.status },
      after: { status: "closed", severity: incident.severity, note: input.resolutionNote ?? null },
    });
    return { id: incident.id };
  });
}
