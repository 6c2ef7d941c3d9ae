import type { Metadata } from "next";
import Link from "next/link";
import { capitalize, UserStatusBadge } from "@/components/ui/badges";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { LocalTime } from "@/components/ui/local-time";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { can, canAnywhere, permissionList } from "@/lib/permissions/check";
import { OWNER_ROLE_KEY } from "@/lib/permissions/roles";
import type { Actor } from "@/lib/services/context";
import { isOwner } from "@/lib/services/grants/assign";
import { grantFormOptions } from "@/lib/services/grants/form-options";
import { getUser } from "@/lib/services/users/get";
import { GrantsPanel, type GrantRow } from "./grants-panel";

export const metadata: Metadata = { title: "User" };

type UserDetail = Awaited<ReturnType<typeof getUser>>;

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/users/${encodeURIComponent(id)}`);

  const loaded = await loadForPage(ctx, () => getUser(ctx, id));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const detail = loaded.data;
  const { user } = detail;

  const grantForm = canAnywhere(ctx.actor, "grant.assign") ? await grantFormOptions(ctx, user) : null;

  const closed = user.status === "deactivated" || user.status === "purged";
  const href = `/users/${encodeURIComponent(user.id)}`;
  const actions = (
    <>
      {can(ctx.actor, "user.update") && !closed ? (
        <Link href={`${href}/edit`} className="btn btn-secondary">
          Edit profile
        </Link>
      ) : null}
      {can(ctx.actor, "user.deactivate") && !closed ? (
        <Link href={`${href}/offboard`} className="btn btn-danger">
          Offboard
        </Link>
      ) : null}
      {can(ctx.actor, "user.deactivate") && user.status === "deactivated" ? (
        <Link href={`${href}/edit`} className="btn btn-secondary">
          Reactivate or purge
        </Link>
      ) : null}
    </>
  );

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { label: user.name }]} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {user.name} <UserStatusBadge status={user.status} />
          </span>
        }
        description={user.title ?? undefined}
        actions={actions}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Profile detail={detail} />
        <div className="space-y-4 lg:col-span-2">
          <GrantsPanel
            user={{ id: user.id, name: user.name }}
            grants={grantRows(ctx.actor, detail.grants)}
            grantForm={grantForm}
            grantBlockedReason={user.status === "active" || user.status === "invited" ? null : `${user.name} is ${user.status}, so they cannot be granted roles. Only active and invited users can.`}
          />
          <RecentEvents events={detail.events} />
        </div>
      </div>
    </>
  );
}

function Profile({ detail }: { detail: UserDetail }) {
  const { user } = detail;
  const rows: [string, React.ReactNode][] = [
    ["Email", <span className="break-all">{user.email}</span>],
    ["Team", detail.teamName ?? "No team"],
    [
      "Manager",
      user.managerId && detail.managerName ? (
        <Link href={`/users/${encodeURIComponent(user.managerId)}`} className="link">
          {detail.managerName}
        </Link>
      ) : (
        "None"
      ),
    ],
    ["Employment", capitalize(user.employmentType)],
    ["Source", user.externalId ? `${capitalize(user.source)} (external id ${user.externalId})` : capitalize(user.source)],
    ["Start date", user.startDate ?? "Not set"],
    ["End date", user.endDate ?? "Not set"],
    ["Last active", <LocalTime iso={iso(user.lastActiveAt)} />],
    ["Created", <LocalTime iso={iso(user.createdAt)} />],
  ];
  if (user.deactivatedAt) rows.push(["Deactivated", <LocalTime iso={iso(user.deactivatedAt)} />]);

  return (
    <section aria-labelledby="profile-title" className="card self-start p-4">
      <h2 id="profile-title" className="mb-3 text-base font-semibold">
        Profile
      </h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="min-w-0 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RecentEvents({ events }: { events: UserDetail["events"] }) {
  return (
    <section aria-labelledby="events-title" className="card">
      <h2 id="events-title" className="px-4 pt-4 pb-2 text-base font-semibold">
        Recent audit events
      </h2>
      {events === null ? (
        <p className="px-4 pb-4 text-sm text-slate-600">Audit events are shown to people who may read the audit log.</p>
      ) : events.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-slate-600">No audit events involve this person yet.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Audit events table">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Newest audit events where this person acted or was the target</caption>
            <thead className="border-y border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-700 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2">Time</th>
                <th scope="col" className="px-4 py-2">Action</th>
                <th scope="col" className="px-4 py-2">Actor</th>
                <th scope="col" className="px-4 py-2">Target</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="px-4 py-2 whitespace-nowrap">
                    <LocalTime iso={iso(event.occurredAt)} />
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                  <td className="px-4 py-2">{event.actorName ?? capitalize(event.actorType)}</td>
                  <td className="px-4 py-2">{event.targetType ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Serializes the grants for the client panel, marking which ones the actor may end (the service checks again). */
function grantRows(actor: Actor, grants: UserDetail["grants"]): GrantRow[] {
  return grants.map((grant) => ({
    id: grant.id,
    roleName: grant.roleName,
    teamName: grant.teamName,
    active: grant.active,
    grantedAt: grant.grantedAt.toISOString(),
    expiresAt: iso(grant.expiresAt),
    endedAt: iso(grant.endedAt),
    source: grant.source,
    reason: grant.reason,
    mayEnd: can(actor, "grant.assign", grant.teamId) && (grant.roleKey !== OWNER_ROLE_KEY || isOwner(actor)),
  }));
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
