import type { Tables } from "@/db";
import type { ActorType } from "@/db/types";
import type { AuditAction } from "@/lib/services/audit/actions";
import type { HashedFields } from "@/lib/services/audit/hash";
import type { PersonaKey } from "./personas";

export type TeamRow = Tables["teams"]["$inferInsert"];
export type TeamManagerRow = Tables["teamManagers"]["$inferInsert"];
export type UserRow = Tables["users"]["$inferInsert"] & { id: string; createdAt: Date; status: NonNullable<Tables["users"]["$inferInsert"]["status"]> };
export type GrantRow = Tables["grants"]["$inferInsert"] & { id: string; roleId: string; grantedAt: Date };
export type IncidentRow = Tables["incidents"]["$inferInsert"] & { id: string; createdAt: Date };
export type ScheduleRow = Tables["oncallSchedules"]["$inferInsert"];
export type ScheduleMemberRow = Tables["scheduleMembers"]["$inferInsert"];
export type ShiftRow = Tables["shifts"]["$inferInsert"];
export type CampaignRow = Tables["reviewCampaigns"]["$inferInsert"];
export type ReviewItemRow = Tables["reviewItems"]["$inferInsert"];

/** An audit event before it is chained: the hashed fields, with the action and actor type typed. */
export type AuditDraft = HashedFields & { action: AuditAction; actorType: ActorType };

export type TeamKey =
  | "executive"
  | "security_operations"
  | "it"
  | "support_tier_1"
  | "site_reliability"
  | "platform"
  | "database"
  | "network"
  | "customer_success"
  | "compliance";

/** Facts about a person beyond the user row, which later steps use to pick assignees, reviewers and members. */
export interface PersonFacts {
  user: UserRow;
  team: TeamKey;
  // The role this person's title maps to, and whether that grant is limited to their own team.
  role: string;
  roleScoped: boolean;
  // Extra role keys held because of a position, such as a team lead's scoped Manager grant.
  extraRoles: { role: string; scoped: boolean }[];
  isHead: boolean;
  isLead: boolean;
  persona: PersonaKey | null;
  suspendedAt: Date | null;
}

export interface DemoPlan {
  seed: number;
  // Start of the UTC day of seeding; every generated time is placed relative to it.
  anchor: Date;
  // When the organization started using Warden: older employees were imported at this time.
  goLive: Date;
  teams: TeamRow[];
  teamManagers: TeamManagerRow[];
  users: UserRow[];
  grants: GrantRow[];
  incidents: IncidentRow[];
  schedules: ScheduleRow[];
  scheduleMembers: ScheduleMemberRow[];
  shifts: ShiftRow[];
  campaigns: CampaignRow[];
  reviewItems: ReviewItemRow[];
  auditEvents: AuditDraft[];
  personaIds: Record<PersonaKey, string>;
}
