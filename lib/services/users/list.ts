import { and, asc, count, desc, eq, exists, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { database, db, t } from "@/db";
import { USER_STATUSES } from "@/db/types";
import { authorize } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";
import { stripInvalidTextOf } from "@/lib/validation/text";

const SORTS = { name: t.users.name, email: t.users.email, status: t.users.status, created: t.users.createdAt, lastActive: t.users.lastActiveAt } as const;

export const userListQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  perPage: z.coerce.number().int().min(10).max(100).catch(50),
  sort: z.enum(["name", "email", "status", "created", "lastActive"]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  q: z.preprocess(stripInvalidTextOf, z.string().trim().max(200)).catch(""),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  team: z.preprocess(stripInvalidTextOf, z.string().max(100).optional()).catch(undefined),
  role: z.preprocess(stripInvalidTextOf, z.string().max(100).optional()).catch(undefined),
});
export type UserListQuery = z.infer<typeof userListQuery>;

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Trigram indexes hold three-character sequences, so only searches of at least this many characters
// (code points) can use them. Shorter searches scan the users table.
const TRIGRAM_MIN_LENGTH = 3;

// Above this many matches, SQLite finds a page faster by walking the sort order's index and testing each
// row against the matches than by sorting every match. Measured among 100,000 users: 1 match sorts in
// 0.2 ms but walks in 7.7 ms, and 1,990 matches sort in 2.0 ms but walk in 0.9 ms (docs/benchmarks.md).
const DENSE_MATCHES = 2_000;

interface Search {
  filter: SQL;
  // The same condition for the page query when it should not be driven by the match list (SQLite only).
  pageFilter?: SQL;
  // Rows matching the search alone, when counting them was cheap (SQLite's trigram index).
  matches?: number;
}

/**
 * Case-insensitive substring match on name or email. Both dialects fold case beyond ASCII (FTS5's
 * trigram tokenizer, and Postgres lower() under a UTF-8 ctype) and neither strips accents, so they
 * return the same rows. SQLite's own lower() folds only ASCII and is not used.
 */
async function searchFilter(q: string): Promise<Search> {
  const long = [...q].length >= TRIGRAM_MIN_LENGTH;

  if (database().dialect === "sqlite") {
    if (!long) return { filter: shortSqliteSearch(q) };
    const phrase = `"${q.replace(/"/g, '""')}"`;
    const matching = sql`(select rowid from users_fts where users_fts match ${phrase})`;
    const [counted] = await database().rows<{ n: number }>(sql`select count(*) as n from users_fts where users_fts match ${phrase}`);
    const matches = Number(counted?.n ?? 0);
    // For many matches the page query walks the sort order's index: the unary + stops SQLite from
    // driving it from the match list. The count is still driven by the matches, one rowid lookup each.
    const filter = sql`${t.users}.rowid in ${matching}`;
    const pageFilter = matches >= DENSE_MATCHES ? sql`+${t.users}.rowid in ${matching}` : filter;
    return { filter, pageFilter, matches };
  }

  // pg_trgm's GIN indexes on lower(name) and lower(email) serve this form for three or more characters.
  // The pattern goes through the same lower() as the column, so both sides fold alike.
  const pattern = `%${escapeLike(q)}%`;
  return {
    filter: or(
      sql`lower(${t.users.name}) like lower(${pattern}) escape '\\'`,
      sql`lower(${t.users.email}) like lower(${pattern}) escape '\\'`,
    ) as SQL,
  };
}

// SQLite's LIKE already ignores ASCII case, and is faster than GLOB; a GLOB with a character class per
// cased letter covers the other scripts.
function shortSqliteSearch(q: string): SQL {
  if (/^[\x20-\x7e]*$/.test(q)) {
    const pattern = `%${escapeLike(q)}%`;
    return or(sql`${t.users.name} like ${pattern} escape '\\'`, sql`${t.users.email} like ${pattern} escape '\\'`) as SQL;
  }
  const pattern = caseInsensitiveGlob(q);
  return or(sql`${t.users.name} glob ${pattern}`, sql`${t.users.email} glob ${pattern}`) as SQL;
}

/** Builds a GLOB pattern for "contains q" where each cased character matches either case: "ab" gives *[aA][bB]*. */
function caseInsensitiveGlob(q: string): string {
  let body = "";
  for (const char of q) {
    const variants = new Set([char, char.toLowerCase(), char.toUpperCase()].filter((v) => [...v].length === 1));
    if (variants.size > 1) body += `[${[...variants].join("")}]`;
    else body += /[*?[]/.test(char) ? `[${char}]` : char;
  }
  return `*${body}*`;
}

/**
 * Matches users holding a role (by id) through a grant that has not ended. A correlated EXISTS probes
 * grants_user_role_idx once per candidate user, which is cheap when a team or a search has already
 * narrowed the candidates. Without them, an uncorrelated IN reads the role's grants once instead of
 * probing every user. Postgres plans both as semi-joins, while SQLite follows the form it is given.
 */
function roleFilter(roleId: string, narrowed: boolean): SQL {
  const holders = and(eq(t.grants.roleId, roleId), isNull(t.grants.endedAt));
  if (narrowed) {
    return exists(db.select({ one: sql`1` }).from(t.grants).where(and(eq(t.grants.userId, t.users.id), holders)));
  }
  return inArray(t.users.id, db.select({ userId: t.grants.userId }).from(t.grants).where(holders));
}

// The role's id is looked up first and sent as a value, because through a join on roles.key Postgres
// cannot use the statistics of grants.role_id and guesses that every role is equally common.
async function roleIdOf(key: string): Promise<string | null> {
  const [role] = await db.select({ id: t.roles.id }).from(t.roles).where(eq(t.roles.key, key)).limit(1);
  return role?.id ?? null;
}

/** Returns one page of users and the total count, filtered and sorted with the id as tiebreaker, without loading all users. */
export async function listUsers(ctx: ServiceContext, query: UserListQuery) {
  authorize(ctx.actor, "user.view");

  const search = query.q ? await searchFilter(query.q) : undefined;
  const filters: SQL[] = [];
  if (query.status) filters.push(eq(t.users.status, query.status));
  if (query.team) filters.push(eq(t.users.teamId, query.team));
  if (query.role) {
    const roleId = await roleIdOf(query.role);
    filters.push(roleId ? roleFilter(roleId, Boolean(query.team || query.q)) : sql`1 = 0`);
  }
  const countFilters = search ? [search.filter, ...filters] : filters;
  const pageFilters = search?.pageFilter ? [search.pageFilter, ...filters] : countFilters;
  const where = countFilters.length ? and(...countFilters) : undefined;
  const pageWhere = pageFilters.length ? and(...pageFilters) : undefined;
  const order = query.dir === "asc" ? asc : desc;
  const sortOrder = [order(SORTS[query.sort]), order(t.users.id)];
  // When the search is the only filter, its match count is the total.
  const knownTotal = search?.matches !== undefined && filters.length === 0 ? search.matches : undefined;

  // The page's ids are found first, from the filters and the sort order's index alone, and only those
  // rows are read in full and joined to their team. A plain OFFSET would read and join every skipped row.
  const pageIds = db
    .select({ id: t.users.id })
    .from(t.users)
    .where(pageWhere)
    .orderBy(...sortOrder)
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);

  const [rows, total] = await Promise.all([
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
      .where(inArray(t.users.id, pageIds))
      .orderBy(...sortOrder),
    knownTotal ?? db.select({ n: count() }).from(t.users).where(where).then(([row]) => Number(row?.n ?? 0)),
  ]);

  // A page past the end (an old link after people left, or a typed URL) shows the last page instead of
  // an empty one. Only that request pays for the second query.
  const lastPage = Math.max(1, Math.ceil(total / query.perPage));
  if (query.page > lastPage) return listUsers(ctx, { ...query, page: lastPage });

  return { rows, total, page: query.page, perPage: query.perPage };
}
