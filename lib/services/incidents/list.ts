import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, t } from "@/db";
import { INCIDENT_STATUSES, SEVERITIES, type IncidentStatus, type Severity } from "@/db/types";
import { ForbiddenError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";
import { visibleIncidents } from "./visibility";

const SORTS = { created: t.incidents.createdAt, number: t.incidents.number, severity: t.incidents.severity, status: t.incidents.status } as const;

export const incidentListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  perPage: z.coerce.number().int().min(10).max(100).catch(25),
  sort: z.enum(["created", "number", "severity", "status"]).catch("created"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.array(z.enum(INCIDENT_STATUSES)).catch([]),
  severity: z.array(z.enum(SEVERITIES)).catch([]),
  open: z.coerce.boolean().catch(false),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export interface IncidentListRow {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  teamName: string;
  assigneeName: string | null;
  createdAt: Date;
}

export async function listIncidents(ctx: ServiceContext, query: IncidentListQuery): Promise<{ rows: IncidentListRow[]; total: number; page: number; perPage: number }> {
  const scope = visibleIncidents(ctx.actor);
  if (!scope) throw new ForbiddenError("You may not view incidents.", "incident.view");

  const filters: SQL[] = [scope];
  if (query.status.length) filters.push(inArray(t.incidents.status, query.status));
  else if (query.open) filters.push(inArray(t.incidents.status, INCIDENT_STATUSES.filter((s) => s !== "closed" && s !== "resolved")));
  if (query.severity.length) filters.push(inArray(t.incidents.severity, query.severity));
  const where = and(...filters);

  const assignee = alias(t.users, "assignee");
  const order = query.dir === "asc" ? asc : desc;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: t.incidents.id,
        number: t.incidents.number,
        title: t.incidents.title,
        severity: t.incidents.severity,
        status: t.incidents.status,
        teamName: t.teams.name,
        assigneeName: assignee.name,
        createdAt: t.incidents.createdAt,
      })
      .from(t.incidents)
      .innerJoin(t.teams, eq(t.teams.id, t.incidents.teamId))
      .leftJoin(assignee, eq(assignee.id, t.incidents.assigneeId))
      .where(where)
      .orderBy(order(SORTS[query.sort]), order(t.incidents.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.select({ n: count() }).from(t.incidents).where(where),
  ]);

  // A page past the end shows the last page instead of an empty one, as on the users list.
  const counted = Number(total?.n ?? 0);
  const lastPage = Math.max(1, Math.ceil(counted / query.perPage));
  if (query.page > lastPage) return listIncidents(ctx, { ...query, page: lastPage });

  return { rows, total: counted, page: query.page, perPage: query.perPage };
}
