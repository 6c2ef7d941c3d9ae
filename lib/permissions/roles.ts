import { ALL_PERMISSIONS, type Permission } from "./catalog";

export interface BuiltInRole {
  key: string;
  name: string;
  description: string;
  permissions: readonly Permission[];
}

const responder: Permission[] = ["incident.view", "incident.update", "incident.close", "dashboard.view", "review.decide"];

// Built-in roles: synchronized into the roles table on every migration run; not deletable, and their
// permissions cannot be edited in the matrix.
export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    key: "owner",
    name: "Owner",
    description: "Full control of the organization, including granting Owner",
    permissions: ALL_PERMISSIONS,
  },
  {
    key: "admin",
    name: "Admin",
    description: "Administers users, roles, grants, reviews and settings",
    permissions: ALL_PERMISSIONS,
  },
  {
    key: "incident_commander",
    name: "Incident Commander",
    description: "Senior engineer: everything a responder does, and closes major incidents",
    permissions: [...responder, "incident.close_major", "incident.view_sensitive", "schedule.manage"],
  },
  {
    key: "responder",
    name: "Responder",
    description: "Tier 1 support: views and updates incidents, closes minor ones",
    permissions: [...responder, "incident.view_sensitive"],
  },
  {
    key: "manager",
    name: "Manager",
    description: "Sees the directory and decides the access reviews of direct reports",
    permissions: ["user.view", "review.decide", "incident.view", "dashboard.view", "schedule.manage"],
  },
  {
    key: "auditor",
    name: "Auditor",
    description: "Reads and exports the audit log and verifies its integrity; changes nothing",
    permissions: ["audit.view", "audit.export", "user.view"],
  },
  {
    key: "executive_viewer",
    name: "Executive Viewer",
    description: "Read-only dashboard of incident status, without sensitive details",
    permissions: ["dashboard.view"],
  },
  {
    key: "vendor",
    name: "Vendor",
    description: "Time-limited access to the incidents assigned to oneself",
    permissions: ["incident.view_assigned", "incident.update_assigned"],
  },
];

// Owner is only granted by Owners; Admin holds every permission but cannot grant Owner.
export const OWNER_ROLE_KEY = "owner";
export const LEAST_PRIVILEGED_ROLE_KEY = "responder";
