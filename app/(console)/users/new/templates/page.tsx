import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { onboardingFormOptions } from "@/lib/services/onboarding/form-options";
import { TemplateEditor } from "./template-editor";

export const metadata: Metadata = { title: "Onboarding templates" };

export default async function TemplatesPage() {
  const ctx = await requirePageContext("/users/new/templates");
  const loaded = await loadForPage(ctx, () => onboardingFormOptions(ctx));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  const options = loaded.data;

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { href: "/users/new", label: "Onboard a person" }, { label: "Onboarding templates" }]} />
      <PageHeader title="Onboarding templates" description="A team's template sets the roles a new member receives and the on-call schedules they join, so a standard onboarding is one step." />
      {options.teams.length === 0 ? (
        <p className="card p-4 text-sm text-slate-700">There are no teams yet. Teams appear here once a roster import or an administrator creates them.</p>
      ) : (
        <ul className="space-y-3">
          {options.teams.map((team) => (
            <li key={team.id} className="card p-4">
              <TemplateEditor
                team={team}
                roles={options.roles}
                schedules={options.schedules.filter((s) => s.teamId === team.id)}
                template={options.templates.find((tpl) => tpl.teamId === team.id) ?? null}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
