import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { t, transaction } from "@/db";
import { INCIDENT_STATUSES } from "@/db/types";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { diff, recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { canAssignIncident, canSeeSensitive, canUpdateIncident, canViewIncident } from "./visibility";

export const updateIncidentInput = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  status: z.enum(INCIDENT_STATUSES).exclude(["closed"], { message: "Use Close incident to close it." }).optional(),
  summary: z.string().trim().min(1, "Summary cannot be empty.").max(5000).optional(),
  assigneeId: z.string().min(1).nullable().optional(),
  commanderId: z.string().min(1).nullable().optional(),
  customerImpact: z.string().max(5000).nullable().optional(),
  internalNotes: z.string().max(20000).nullable().optional(),
});
export type UpdateIncidentInput = z.infer<typeof updateIncidentInput>;

/**
 * Updates an incident's status, summary, people and sensitive fields, checking the version it was read
 * at. An actor who may not view the incident gets NOT_FOUND, as from closeIncident, so neither service
 * reveals that it exists.
 */
export async function updateIncident(ctx: ServiceContext, input: UpdateIncidentInput) {
  return transaction(async (tx) => {
    const [incident] = await tx.select().from(t.incidents).where(eq(t.incidents.id, input.id)).limit(1);
    if (!incident || !canViewIncident(ctx.actor, incident)) throw new NotFoundError("Incident");
    if (!canUpdateIncident(ctx.actor, incident)) throw new ForbiddenError("You may not update this incident.", "incident.update");
    if (incident.status === "closed") throw new ConflictError("This incident is closed and can no longer be changed.");

    const touchesSensitive = input.customerImpact !== undefined || input.internalNotes !== undefined;
    if (touchesSensitive && !canSeeSensitive(ctx.actor, incident)) {
      throw new ForbiddenError("You may not change the sensitive fields of this incident.", "incident.view_sensitive");
    }

    // Sending the current value back is not a change, so a form that always posts both fields still
    // works for an actor who may not reassign.
    const reassigned = (["assigneeId", "commanderId"] as const).filter((field) => input[field] !== undefined && input[field] !== incident[field]);
    if (reassigned.length && !canAssignIncident(ctx.actor, incident)) {
      throw new ForbiddenError("You may not change the assignee or commander of this incident.", "incident.update");
    }
    for (const field of reassigned) {
      const userId = input[field];
      if (!userId) continue;
      const [user] = await tx.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, userId)).limit(1);
      if (!user || user.status !== "active") {
        throw new ValidationError("Pick an active user.", { [field]: ["This person is not an active user. Pick an active user."] });
      }
    }

    const now = nowOf(ctx);
    const { id: _id, version, ...fields } = input;
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (changes.status === "resolved" && incident.status !== "resolved") changes.resolvedAt = now;
    const { before, after, changed } = diff(incident as Record<string, unknown>, changes);
    if (!changed) return { id: incident.id, version: incident.version };

    const updated = await tx
      .update(t.incidents)
      .set({ ...changes, updatedAt: now, version: incident.version + 1 })
      .where(and(eq(t.incidents.id, incident.id), eq(t.incidents.version, version)))
      .returning({ version: t.incidents.version });
    if (!updated.length) {
      throw new ConflictError("Someone else changed this incident after you opened it. Reload the page to see their change, then apply yours again.");
    }

    await recordAudit(tx, ctx, { action: "incident.update", target: { type: "incident", id: incident.id }, before, after });
    return { id: incident.id, version: updated[0].version };
  });
}
