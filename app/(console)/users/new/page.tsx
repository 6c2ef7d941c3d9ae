import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { loadForPage, requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";
import { onboardingFormOptions } from "@/lib/services/onboarding/form-options";
import { OnboardForm } from "./onboard-form";

export const metadata: Metadata = { title: "Onboard a person" };

export default async function OnboardPage() {
  const ctx = await requirePageContext("/users/new");
  const loaded = await loadForPage(ctx, () => onboardingFormOptions(ctx));
  if (!loaded.ok) return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { label: "Onboard a person" }]} />
      <PageHeader
        title="Onboard a person"
        description="The person starts as invited and activates the account with a single-use link. Picking a team applies its onboarding template."
        actions={
          <Link href="/users/new/templates" className="btn btn-secondary">
            Onboarding templates
          </Link>
        }
      />
      <div className="card p-4">
        <OnboardForm options={loaded.data} />
      </div>
    </>
  );
}
