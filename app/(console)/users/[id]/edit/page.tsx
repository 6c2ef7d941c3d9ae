import type { Metadata } from "next";
import { UserStatusBadge } from "@/components/ui/badges";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { loadEditableUser } from "@/lib/services/users/editable";
import { EditUserForm } from "./edit-form";
import { StatusPanel } from "./status-panel";

export const metadata: Metadata = { title: "Edit user" };

export default async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/users/${encodeURIComponent(id)}/edit`);
  const loaded = await loadForPage(ctx, () => loadEditableUser(ctx, id));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const { user, teams, may, pendingInvitationExpiresAt, scheduledOffboarding, purgeAt, purgeNowAllowed } = loaded.data;
  const closed = user.status === "deactivated" || user.status === "purged";

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { href: `/users/${encodeURIComponent(user.id)}`, label: user.name }, { label: "Edit" }]} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            Edit {user.name} <UserStatusBadge status={user.status} />
          </span>
        }
        description="Every change is recorded in the audit log with its old and new value."
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="card p-4 lg:col-span-2">
          {closed || !may.update ? (
            <p className="text-sm text-slate-700">{closed ? `This user is ${user.status}; the profile cannot be edited.` : "You may not edit this profile."}</p>
          ) : (
            <EditUserForm
              user={{ ...user, startDate: user.startDate ?? "", endDate: user.endDate ?? "", title: user.title ?? "", location: user.location ?? "", teamId: user.teamId ?? "", managerEmail: user.managerEmail ?? "" }}
              teams={teams}
            />
          )}
        </div>
        <StatusPanel
          user={{ id: user.id, status: user.status, version: user.version, employmentType: user.employmentType, endDate: user.endDate }}
          may={may}
          pendingInvitationExpiresAt={pendingInvitationExpiresAt?.toISOString() ?? null}
          scheduledOffboardingAt={scheduledOffboarding?.runAt.toISOString() ?? null}
          purgeAt={purgeAt?.toISOString() ?? null}
          purgeNowAllowed={purgeNowAllowed}
        />
      </div>
    </>
  );
}
