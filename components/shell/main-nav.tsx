"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Permission } from "@/lib/permissions/catalog";
import { permittedNav } from "@/lib/navigation";

/** The console's main navigation, filtered by the permission list the server sent. */
export function MainNav({ permissions }: { permissions: readonly Permission[] }) {
  const pathname = usePathname();
  const items = permittedNav(permissions);

  return (
    <nav aria-label="Main" className="min-w-0">
      <ul className="flex flex-wrap items-center gap-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
