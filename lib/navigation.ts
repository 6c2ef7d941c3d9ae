import type { Permission } from "@/lib/permissions/catalog";

export interface NavItem {
  href: string;
  label: string;
  // The item is shown when the actor holds at least one of these permissions, globally or for a team.
  anyOf: readonly Permission[];
}

// The console's main navigation, in display order. The server enforces the same permissions inside
// each page's service call, so this list only decides what is offered.
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "Dashboard", anyOf: ["dashboard.view"] },
  { href: "/incidents", label: "Incidents", anyOf: ["incident.view", "incident.view_assigned"] },
  { href: "/users", label: "Users", anyOf: ["user.view"] },
  { href: "/audit", label: "Audit log", anyOf: ["audit.view"] },
];

export function permittedNav(permissions: readonly Permission[]): NavItem[] {
  const held = new Set(permissions);
  return NAV_ITEMS.filter((item) => item.anyOf.some((p) => held.has(p)));
}

/**
 * Returns the page a signed-in actor lands on: the first navigation item they may open. An actor with
 * no permission at all lands on /dashboard, which shows them the no-access state inside the shell.
 */
export function homePathFor(permissions: readonly Permission[]): string {
  return permittedNav(permissions)[0]?.href ?? "/dashboard";
}
