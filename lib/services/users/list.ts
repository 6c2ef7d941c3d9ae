import { and, asc, count, desc, eq, exists, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db, t } from "@/db";
import { USER_STATUSES } from "@/db/types";
import { authorize } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";

const SORTS = { name: t.users.name, email: t.users.email, status: t.users.status, created: t.users.createdAt, lastActive: t.users.lastActiveAt } as const;

export const userListQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  perPage: z.coerce.number().int().min(10).max(100).catch(50),
  sort: z.enum(["name", "email", "status", "created", "lastActive"]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  q: z.string().trim().max(200).catch(""),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  team: z.string().max(100).optional().catch(undefined),
  role: z.string().max(100).optional().catch(undefined),
});
export type UserListQuery = z.infer<typeof userListQuery>;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of users and the total count, filtered, sorted with the id as tiebreaker; never loads all users. */
export async function listUsers(ctx: ServiceContext, query: UserListQuery) {
  authorize(ctx.actor, "user.view");

  const filters: SQL[] = [];
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
  const where = filters.length ? and(...filters) : undefined;
  const order = query.dir === "asc" ? asc : desc;

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: t.users.id,
        name: t.users.name,
        email: t.users.email,
        title: t.users.title,
        status: t.users.status,
        employmentType: t.users.employmentType,
        teamName: t.teams.name,
        lastActiveAt: t.users.lastActiveAt,
        createdAt: t.users.createdAt,
      })
      .from(t.users)
      .leftJoin(t.teams, eq(t.teams.id, t.users.teamId))
      .where(where)
      .orderBy(order(SORTS[query.sort]), order(t.users.id))
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage),
    db.select({ n: count() }).from(t.users).where(where),
  ]);

  return { rows, total: Number(total?.n ?? 0), page: query.page, perPage: query.perPage };
}
