// The permission catalog. Roles are sets of these names; the server checks them on every read and
// write, and the UI reads the same names to decide which navigation and controls to show.
export const PERMISSIONS = {
  "incident.view": "View all incidents of the teams in scope",
  "incident.view_assigned": "View only the incidents assigned to oneself",
  "incident.update": "Update incidents in scope (status, summary, assignee)",
  "incident.update_assigned": "Update only the incidents assigned to oneself",
  "incident.close": "Close SEV3 and SEV4 incidents",
  "incident.close_major": "Close SEV1 and SEV2 incidents",
  "incident.view_sensitive": "See customer impact details and internal notes",
  "dashboard.view": "See the executive dashboard",
  "user.view": "View the user directory and user profiles",
  "user.invite": "Onboard new users",
  "user.update": "Edit user profiles, suspend and resume",
  "user.deactivate": "Offboard and deactivate users",
  "user.purge": "Erase personal data of deactivated users",
  "role.manage": "Create and edit custom roles",
  "grant.assign": "Grant and revoke roles",
  "review.manage": "Create, launch and close access review campaigns",
  "review.decide": "Decide access review items assigned to oneself",
  "audit.view": "Read the audit log",
  "audit.export": "Export the audit log and verify its integrity",
  "scim.manage": "Manage SCIM tokens and provisioning",
  "schedule.manage": "Manage on-call schedules and shifts",
  "settings.manage": "Change organization settings",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
