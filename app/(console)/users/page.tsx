import type { Metadata } from "next";
import Link from "next/link";
import { USER_STATUSES } from "@/db/types";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { can, permissionList } from "@/lib/permissions/check";
import { firstValues, pathWithQuery, type RawSearchParams } from "@/lib/search-params";
import { listUserFilterOptions } from "@/lib/services/users/filter-options";
import { listUsers, userListQuery } from "@/lib/services/users/list";
import { UsersTable, type UserRow } from "./users-table";
import { UsersToolbar } from "./users-toolbar";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePageContext(pathWithQuery("/users", params));
  const query = userListQuery.parse(firstValues(params));

  const loaded = await loadForPage(ctx, () => Promise.all([listUsers(ctx, query), listUserFilterOptions(ctx)]));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const [list, options] = loaded.data;

  const rows: UserRow[] = list.rows.map((row) => ({
    ...row,
    lastActiveAt: row.lastActiveAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
  const filters = { q: query.q, status: query.status, team: query.team, role: query.role };
  const listParams = { ...filters, sort: query.sort, dir: query.dir, perPage: String(query.perPage) };

  const mayInvite = can(ctx.actor, "user.invite");
  const actions = (
    <>
      {mayInvite ? (
        <Link href="/users/new" className="btn btn-primary">
          Onboard person
        </Link>
      ) : null}
      {mayInvite ? (
        <Link href="/users/import" className="btn btn-secondary">
          Import roster
        </Link>
      ) : null}
      <Link href={pathWithQuery("/users/export", filters)} className="btn btn-secondary" prefetch={false}>
        Export CSV
      </Link>
    </>
  );

  return (
    <>
      <PageHeader title="Users" description={`${list.total.toLocaleString("en")} ${list.total === 1 ? "person matches" : "people match"} the current filters.`} actions={actions} />
      <UsersToolbar statuses={USER_STATUSES} teams={options.teams} roles={options.roles} />
      <UsersTable rows={rows} sort={query.sort} dir={query.dir} />
      <Pagination page={list.page} perPage={list.perPage} total={list.total} noun="users" hrefFor={(page) => pathWithQuery("/users", { ...listParams, page: String(page) })} />
    </>
  );
}
