import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, t } from "@/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { canAssignIncident, canCloseIncident, canSeeSensitive, canUpdateIncident, canViewIncident, visibleIncidents } from "./visibility";
import { isValidText } from "@/lib/validation/text";

export interface IncidentView {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  teamId: string;
  teamName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  commanderId: string | null;
  commanderName: string | null;
  summary: string;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  closedAt: Date | null;
  version: number;
  // Present only for viewers with incident.view_sensitive; otherwise the keys are absent.
  sensitive?: { customerImpact: string | null; internalNotes: string | null };
  // `assign`: may change the assignee and commander, which is narrower than `update`.
  allowed: { update: boolean; assign: boolean; close: boolean; seeSensitive: boolean };
}

export async function getIncident(ctx: ServiceContext, id: string): Promise<IncidentView> {
  if (!visibleIncidents(ctx.actor)) throw new ForbiddenError("You may not view incidents.", "incident.view");
  if (!isValidText(id)) throw new NotFoundError("Incident");
  const assignee = alias(t.users, "assignee");
  const commander = alias(t.users, "commander");
  const [row] = await db
    .select({
      incident: t.incidents,
      teamName: t.teams.name,
      assigneeName: assignee.name,
      commanderName: commander.name,
    })
    .from(t.incidents)
    .innerJoin(t.teams, eq(t.teams.id, t.incidents.teamId))
    .leftJoin(assignee, eq(assignee.id, t.incidents.assigneeId))
    .leftJoin(commander, eq(commander.id, t.incidents.commanderId))
    .where(eq(t.incidents.id, id))
    .limit(1);

  // An incident the actor may not see is reported exactly like one that does not exist, so its id
  // reveals nothing. Only an actor who may see no incident at all gets FORBIDDEN.
  if (!row || !canViewIncident(ctx.actor, row.incident)) throw new NotFoundError("Incident");
  const i = row.incident;

  const seeSensitive = canSeeSensitive(ctx.actor, i);
  const open = i.status !== "closed";
  const view: IncidentView = {
    id: i.id,
    number: i.number,
    title: i.title,
    severity: i.severity,
    status: i.status,
    teamId: i.teamId,
    teamName: row.teamName,
    assigneeId: i.assigneeId,
    assigneeName: row.assigneeName,
    commanderId: i.commanderId,
    commanderName: row.commanderName,
    summary: i.summary,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    resolvedAt: i.resolvedAt,
    closedAt: i.closedAt,
    version: i.version,
    allowed: {
      update: open && canUpdateIncident(ctx.actor, i),
      assign: open && canUpdateIncident(ctx.actor, i) && canAssignIncident(ctx.actor, i),
      close: canCloseIncident(ctx.actor, i),
      seeSensitive,
    },
  };
  if (seeSensitive) view.sensitive = { customerImpact: i.customerImpact, internalNotes: i.internalNotes };
  return view;
}
