export const USER_STATUSES = ["invited", "active", "suspended", "deactivated", "purged"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const EMPLOYMENT_TYPES = ["employee", "contractor", "vendor"] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const USER_SOURCES = ["manual", "csv", "scim", "sso", "demo"] as const;
export type UserSource = (typeof USER_SOURCES)[number];

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const MAJOR_SEVERITIES: readonly Severity[] = ["SEV1", "SEV2"];

export const INCIDENT_STATUSES = ["triggered", "acknowledged", "investigating", "mitigated", "resolved", "closed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const GRANT_SOURCES = ["manual", "csv", "scim_group", "access_request", "break_glass", "demo", "template"] as const;
export type GrantSource = (typeof GRANT_SOURCES)[number];

export const ACTOR_TYPES = ["user", "scim", "system", "api_token"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const REVIEW_DECISIONS = ["pending", "approved", "revoked", "reassigned"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const CAMPAIGN_STATUSES = ["draft", "active", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "denied", "cancelled"] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export const ROSTER_IMPORT_STATUSES = ["previewed", "committed", "discarded"] as const;
export type RosterImportStatus = (typeof ROSTER_IMPORT_STATUSES)[number];

export const SCHEDULED_OFFBOARDING_STATUSES = ["scheduled", "done", "cancelled", "failed"] as const;
export type ScheduledOffboardingStatus = (typeof SCHEDULED_OFFBOARDING_STATUSES)[number];
