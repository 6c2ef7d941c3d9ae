import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { database, db, t } from "@/db";
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

// Trigram indexes hold three-character sequences, so only searches of at least this many characters
// (code points) can use them. Shorter searches scan the users table.
const TRIGRAM_MIN_LENGTH = 3;

/**
 * Case-insensitive substring match on name or email. Both dialects fold case for any script (FTS5's
 * trigram tokenizer and Postgres lower() under a UTF-8 ctype) and never strip accents, so they return
 * the same rows; SQLite's own lower() folds only ASCII and is not used.
 */
function searchFilter(q: string): SQL {
  const long = [...q].length >= TRIGRAM_MIN_LENGTH;

  if (database().dialect === "sqlite") {
    if (long) {
      const phrase = `"${q.replace(/"/g, '""')}"`;
      return sql`${t.users}.rowid in (select rowid from users_fts where users_fts match ${phrase})`;
    }
    const pattern = caseInsensitiveGlob(q);
    return or(sql`${t.users.name} glob ${pattern}`, sql`${t.users.email} glob ${pattern}`) as SQL;
  }

  // pg_trgm's GIN indexes on lower(name) and lower(email) serve this form; the pattern is lowered by the
  // same function so that both sides fold alike.
  const pattern = `%${escapeLike(q)}%`;
  return or(
    sql`lower(${t.users.name}) like lower(${pattern}) escape '\\'`,
    sql`lower(${t.users.email}) like lower(${pattern}) escape '\\'`,
  ) as SQL;
}

/** A GLOB pattern for "contains q" where each cased character matches either case: "ab" gives *[aA][bB]*. */
function caseInsensitiveGlob(q: string): string {
  let body = "";
  for (const char of q) {
    const variants = new Set([char, char.toLowerCase(), char.toUpperCase()].filter((v) => [...v].length === 1));
    if (variants.size > 1) body += `[${[...variants].join("")}]`;
    else body += /[*?[]/.test(char) ? `[${char}]` : char;
  }
  return `*${body}*`;
}

/** One page of users and the total count, filtered, sorted with the id as tiebreaker; never loads all users. */
export async function listUsers(ctx: ServiceContext, query: UserListQuery) {
  authorize(ctx.actor, "user.view");

  const filters: SQL[] = [];
  if (query.q) filters.push(searchFilter(query.q));
  if (query.status) filters.push(eq(t.users.status, query.status));
  if (query.team) filters.push(eq(t.users.teamId, query.team));
  if (query.role) {
    // An uncorrelated IN, so both databases read the role's grants once. The correlated EXISTS form led
    // SQLite (without ANALYZE statistics) to scan all of the role's grants once per user.
    filters.push(
      inArray(
        t.users.id,
        db
          .select({ userId: t.grants.userId })
          .from(t.grants)
          .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
          .where(and(eq(t.roles.key, query.role), isNull(t.grants.endedAt))),
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
