import Link from "next/link";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { MainNav } from "@/components/shell/main-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { getServiceContext } from "@/lib/auth/current";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";

/**
 * The console shell: skip link, header with the navigation the actor may use, and the user menu.
 * Access is not decided here: every page loads its own service context and redirects or shows the no-access state.
 */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ctx = await getServiceContext();
  if (!ctx) return <main id="main">{children}</main>;

  const permissions = permissionList(ctx.actor);

  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2">
        Skip to main content
      </a>
      <header className="bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href={homePathFor(permissions)} className="flex items-center gap-1.5 rounded text-base font-semibold text-white">
            <span aria-hidden="true" className="rounded bg-indigo-500 px-1.5 text-white">
              W
            </span>
            Warden
          </Link>
          <MainNav permissions={permissions} />
          <div className="ml-auto">
            <UserMenu name={ctx.actor.name} email={ctx.actor.email ?? null} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none">
        <NuqsAdapter>{children}</NuqsAdapter>
      </main>
    </div>
  );
}
