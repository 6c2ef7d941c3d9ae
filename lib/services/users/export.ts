import { and, asc, eq, exists, gt, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { db, t, transaction } from "@/db";
import { USER_STATUSES } from "@/db/types";
import { ForbiddenError } from "@/lib/errors";
import { canAnywhere, teamsFor } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { stripInvalidTextOf } from "@/lib/validation/text";
import { csvLine } from "./csv";

export const userExportQuery = z.object({
  q: z.preprocess(stripInvalidTextOf, z.string().trim().max(200)).catch(""),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  team: z.preprocess(stripInvalidTextOf, z.string().max(100).optional()).catch(undefined),
  role: z.preprocess(stripInvalidTextOf, z.string().max(100).optional()).catch(undefined),
});
export type UserExportQuery = z.infer<typeof userExportQuery>;

export const USER_EXPORT_COLUMNS = [
  "id", "name", "email", "title", "team", "manager_email", "employment_type", "status", "source",
  "roles", "start_date", "end_date", "location", "employee_id", "created_at_utc", "last_active_at_utc", "deactivated_at_utc",
] as const;

const PAGE_SIZE = 1000;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtersOf(ctx: ServiceContext, query: UserExportQuery): SQL[] {
  const filters: SQL[] = [];
  const teams = teamsFor(ctx.actor, "user.view");
  if (teams !== "all") filters.push(inArray(t.users.teamId, teams.length ? teams : ["-"]));
  if (query.q) {
    const pattern = `%${escapeLike(query.q.toLowerCase())}%`;
    filters.push(or(sql`lower(${t.users.name}) like ${pattern} escape '\\'`, sql`lower(${t.users.email}) like ${pattern} escape '\\'`) as SQL);
  }
  if (query.status) filters.push(eq(t.users.status, query.status));
  if (query.team) filters.push(eq(t.users.teamId, query.team));
  if (query.role) {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(t.grants)
          .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
          .where(and(eq(t.grants.userId, t.users.id), eq(t.roles.key, query.role), isNull(t.grants.endedAt))),
      ),
    );
  }
  return filters;
}

/**
 * Streams the users the actor may see as CSV lines, header first, ordered by name then id. It reads
 * pages of 1,000 with a keyset on (name, id), so memory stays flat at any directory size. The export
 * is audited before the first line is produced. Times are UTC in ISO 8601, as the column names state.
 */
export async function* exportUsersCsv(ctx: ServiceContext, query: UserExportQuery): AsyncGenerator<string> {
  if (!canAnywhere(ctx.actor, "user.view")) throw new ForbiddenError("You do not have the user.view permission for this action.", "user.view");
  await transaction((tx) => recordAudit(tx, ctx, { action: "user.export", target: { type: "user", id: null }, after: { format: "csv", filters: query } }));

  yield csvLine(USER_EXPORT_COLUMNS);
  const manager = alias(t.users, "manager");
  const base = filtersOf(ctx, query);
  let after: { name: string; id: string } | null = null;
  const now = nowOf(ctx);

  for (;;) {
    const keyset: SQL[] = after ? [or(gt(t.users.name, after.name), and(eq(t.users.name, after.name), gt(t.users.id, after.id))) as SQL] : [];
    const page = await db
      .select({
        id: t.users.id,
        name: t.users.name,
        email: t.users.email,
        title: t.users.title,
        team: t.teams.name,
        managerEmail: manager.email,
        employmentType: t.users.employmentType,
        status: t.users.status,
        source: t.users.source,
        startDate: t.users.startDate,
        endDate: t.users.endDate,
        location: t.users.location,
        employeeId: t.users.employeeId,
        createdAt: t.users.createdAt,
        lastActiveAt: t.users.lastActiveAt,
        deactivatedAt: t.users.deactivatedAt,
      })
      .from(t.users)
      .leftJoin(t.teams, eq(t.teams.id, t.users.teamId))
      .leftJoin(manager, eq(manager.id, t.users.managerId))
      .where(and(...base, ...keyset))
      .orderBy(asc(t.users.name), asc(t.users.id))
      .limit(PAGE_SIZE);
    if (!page.length) return;

    const roles = await rolesOf(page.map((u) => u.id), now);
    let chunk = "";
    for (const u of page) {
      chunk += csvLine([
        u.id, u.name, u.email, u.title, u.team, u.managerEmail, u.employmentType, u.status, u.source,
        (roles.get(u.id) ?? []).join("; "), u.startDate, u.endDate, u.location, u.employeeId, u.createdAt, u.lastActiveAt, u.deactivatedAt,
      ]);
    }
    yield chunk;
    if (page.length < PAGE_SIZE) return;
    after = { name: page[page.length - 1].name, id: page[page.length - 1].id };
  }
}

async function rolesOf(userIds: string[], now: Date) {
  const rows = await db
    .select({ userId: t.grants.userId, role: t.roles.name, team: t.teams.name })
    .from(t.grants)
    .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
    .leftJoin(t.teams, eq(t.teams.id, t.grants.teamId))
    .where(and(inArray(t.grants.userId, userIds), isNull(t.grants.endedAt), or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now))));
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const list = out.get(row.userId) ?? [];
    list.push(row.team ? `${row.role} (${row.team})` : row.role);
    out.set(row.userId, list);
  }
  return out;
}
