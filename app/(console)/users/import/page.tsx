import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page";
import { homePathFor } from "@/lib/navigation";
import { can, permissionList } from "@/lib/permissions/check";
import { recordDenied } from "@/lib/services/audit/denied";
import { ForbiddenError } from "@/lib/errors";
import { MAX_ROSTER_BYTES } from "@/lib/services/roster/batches";
import { DATE_FORMATS } from "@/lib/services/roster/mapping";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Import roster" };

export default async function ImportPage() {
  const ctx = await requirePageContext("/users/import");
  if (!can(ctx.actor, "user.invite")) {
    await recordDenied(ctx, new ForbiddenError("You do not have the user.invite permission for this action.", "user.invite"));
    return <NoAccess homeHref={homePathFor(permissionList(ctx.actor))} />;
  }

  return (
    <>
      <Breadcrumbs items={[{ href: "/users", label: "Users" }, { label: "Import roster" }]} />
      <PageHeader
        title="Import roster"
        description="Upload your HR system's worker export as CSV. You see every row checked before anything is created, and the import then commits all accepted rows at once."
      />
      <div className="card space-y-3 p-4 text-sm text-slate-700">
        <UploadForm maxBytes={MAX_ROSTER_BYTES} dateFormats={DATE_FORMATS} />
        <details>
          <summary className="cursor-pointer font-medium text-slate-800">What the file needs</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>A header row, then one row per person. Comma, semicolon or tab delimiters; UTF-8, with or without a byte order mark.</li>
            <li>A work email and a name for each person. Headers such as Work Email, Legal Name, Department, Manager Email, Worker Type, Hire Date and End Date are recognized; you can map other headers in the preview.</li>
            <li>Contractors and vendors need an End Date. Dates are read as YYYY-MM-DD unless you pick another format for the whole file.</li>
            <li>Importing the same file again creates nobody twice: existing people are reported as unchanged, or updated where a field changed.</li>
          </ul>
        </details>
      </div>
    </>
  );
}
