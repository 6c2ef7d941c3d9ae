import type { Metadata } from "next";
import { UserStatusBadge } from "@/components/ui/badges";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { handoverCandidates, offboardingImpact } from "@/lib/services/offboarding/impact";
import { pendingOffboardingOf } from "@/lib/services/offboarding/schedule";
import { OffboardForm } from "./offboard-form";

export const metadata: Metadata = { title: "Offboard user" };

export default async function OffboardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/users/${encodeURIComponent(id)}/offboard`);
  const loaded = await loadForPage(ctx, async () => ({
    impact: await offboardingImpact(ctx, id),
    candidates: await handoverCandidates(ctx, id),
    scheduled: await pendingOffboardingOf(id),
  }));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const { impact, candidates, scheduled } = loaded.data;
  const { user } = impact;
  const closed = user.status === "deactivated" || user.status === "purged";

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { href: `/users/${encodeURIComponent(user.id)}`, label: user.name }, { label: "Offboard" }]} />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            Offboard {user.name} <UserStatusBadge status={user.status} />
          </span>
        }
        description="Review what depends on this person, choose who takes over, then offboard now or on their last working day. Offboarding ends every session, token, invitation and role at once."
      />
      {closed ? (
        <p className="card p-4 text-sm text-slate-700">This user is already {user.status}.</p>
      ) : (
        <OffboardForm
          impact={{
            user: { id: user.id, name: user.name, email: user.email, version: user.version, isOwner: user.isOwner },
            incidents: impact.incidents.map((i) => ({ id: i.id, number: i.number, title: i.title, severity: i.severity, status: i.status, asAssignee: i.asAssignee, asCommander: i.asCommander })),
            schedules: impact.schedules.map((s) => ({
              id: s.id,
              name: s.name,
              onlyMember: s.onlyMember,
              currentShiftEndsAt: s.currentShift?.endsAt.toISOString() ?? null,
              futureShifts: s.futureShifts.length,
              nextShiftAt: s.futureShifts[0]?.startsAt.toISOString() ?? null,
            })),
            teams: impact.teams,
            grants: impact.grants.map((g) => ({ id: g.id, roleName: g.roleName, teamId: g.teamId, expiresAt: g.expiresAt?.toISOString() ?? null })),
            accessRequests: impact.accessRequests.length,
            reviewItems: impact.reviewItems.map((r) => ({ id: r.id, campaignName: r.campaignName, hasFallback: Boolean(r.fallbackReviewerId) })),
            tokens: impact.tokens,
            pendingInvitations: impact.pendingInvitations,
            activeSessions: impact.activeSessions,
            directReports: impact.directReports,
          }}
          candidates={candidates}
          scheduledAt={scheduled ? { id: scheduled.id, runAt: scheduled.runAt.toISOString() } : null}
        />
      )}
    </>
  );
}
