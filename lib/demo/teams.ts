import type { TeamKey } from "./types";

export interface TitleSpec {
  title: string;
  weight: number;
  role: string;
  // Limited to the person's own team instead of the whole organization.
  scoped: boolean;
}

export interface TeamSpec {
  key: TeamKey;
  name: string;
  slug: string;
  description: string;
  // Share of the organization's headcount, relative to the other teams.
  weight: number;
  // Minimum headcount, so that a small demo still has a head, its personas and a rotation.
  minSize: number;
  head: { title: string; reportsTo: ExecutiveKey; roles: { role: string; scoped: boolean }[] } | null;
  lead: { title: string; roles: { role: string; scoped: boolean }[] } | null;
  titles: TitleSpec[];
  contractor: TitleSpec | null;
  vendor: TitleSpec | null;
  // Relative share of incidents owned by the team, or 0 for a team that owns none.
  incidentWeight: number;
  // Length of an on-call shift, or null for a team without a rotation.
  shiftHours: 12 | 168 | null;
}

export type ExecutiveKey = "ceo" | "cto" | "ciso" | "cfo" | "vp_engineering" | "vp_customer";

export interface ExecutiveSeat {
  key: ExecutiveKey;
  title: string;
  role: string;
  reportsTo: ExecutiveKey | null;
}

// Eva Executive (a persona) takes the VP Engineering seat; the other seats are generated people.
export const EXECUTIVE_SEATS: readonly ExecutiveSeat[] = [
  { key: "ceo", title: "Chief Executive Officer", role: "executive_viewer", reportsTo: null },
  { key: "cto", title: "Chief Technology Officer", role: "executive_viewer", reportsTo: "ceo" },
  { key: "ciso", title: "Chief Information Security Officer", role: "owner", reportsTo: "ceo" },
  { key: "cfo", title: "Chief Financial Officer", role: "executive_viewer", reportsTo: "ceo" },
  { key: "vp_engineering", title: "VP Engineering", role: "executive_viewer", reportsTo: "cto" },
  { key: "vp_customer", title: "VP Customer Experience", role: "executive_viewer", reportsTo: "ceo" },
];

const manager = (scoped: boolean) => ({ role: "manager", scoped });
const commander = (scoped: boolean) => ({ role: "incident_commander", scoped });

export const TEAM_SPECS: readonly TeamSpec[] = [
  {
    key: "executive",
    name: "Executive",
    slug: "executive",
    description: "Company leadership and their staff",
    weight: 8,
    minSize: 7,
    head: null,
    lead: null,
    titles: [
      { title: "Chief of Staff", weight: 1, role: "executive_viewer", scoped: false },
      { title: "Executive Business Partner", weight: 2, role: "executive_viewer", scoped: false },
    ],
    contractor: null,
    vendor: null,
    incidentWeight: 0,
    shiftHours: null,
  },
  {
    key: "security_operations",
    name: "Security Operations",
    slug: "security-operations",
    description: "Detection, response and access governance",
    weight: 90,
    minSize: 4,
    head: { title: "Head of Security Operations", reportsTo: "ciso", roles: [manager(false), commander(true)] },
    lead: { title: "Security Operations Lead", roles: [manager(true), commander(true)] },
    titles: [
      { title: "Security Analyst", weight: 50, role: "responder", scoped: true },
      { title: "Senior Security Engineer", weight: 30, role: "incident_commander", scoped: true },
      { title: "Threat Intelligence Analyst", weight: 20, role: "responder", scoped: true },
    ],
    contractor: { title: "Contract Security Analyst", weight: 1, role: "responder", scoped: true },
    vendor: null,
    incidentWeight: 8,
    shiftHours: 12,
  },
  {
    key: "it",
    name: "IT",
    slug: "it",
    description: "Corporate IT: laptops, networks, identity provider and internal tools",
    weight: 70,
    minSize: 4,
    head: { title: "IT Manager", reportsTo: "cto", roles: [manager(false), { role: "admin", scoped: false }] },
    lead: { title: "IT Operations Lead", roles: [manager(true), { role: "admin", scoped: false }] },
    titles: [
      { title: "IT Support Specialist", weight: 55, role: "responder", scoped: true },
      { title: "Systems Administrator", weight: 35, role: "responder", scoped: true },
      { title: "Senior Systems Administrator", weight: 10, role: "responder", scoped: true },
    ],
    contractor: { title: "Contract IT Technician", weight: 1, role: "responder", scoped: true },
    vendor: null,
    incidentWeight: 3,
    shiftHours: 168,
  },
  {
    key: "support_tier_1",
    name: "Support Tier 1",
    slug: "support-tier-1",
    description: "First line of incident response, with senior SREs rotating in as incident commanders",
    weight: 420,
    minSize: 9,
    head: { title: "Support Manager", reportsTo: "vp_customer", roles: [manager(false)] },
    lead: { title: "Support Team Lead", roles: [manager(true), { role: "responder", scoped: false }] },
    titles: [
      { title: "Support Engineer I", weight: 45, role: "responder", scoped: false },
      { title: "Support Engineer II", weight: 30, role: "responder", scoped: false },
      { title: "Senior Support Engineer", weight: 15, role: "responder", scoped: false },
      { title: "Senior Site Reliability Engineer", weight: 5, role: "incident_commander", scoped: false },
    ],
    contractor: { title: "Contract Support Engineer", weight: 1, role: "responder", scoped: false },
    vendor: { title: "Vendor Support Specialist", weight: 1, role: "vendor", scoped: false },
    incidentWeight: 25,
    shiftHours: 168,
  },
  {
    key: "site_reliability",
    name: "Site Reliability",
    slug: "site-reliability",
    description: "Production reliability, observability and incident command",
    weight: 220,
    minSize: 4,
    head: { title: "Head of Site Reliability", reportsTo: "vp_engineering", roles: [manager(false), commander(false)] },
    lead: { title: "Site Reliability Engineering Manager", roles: [manager(true), commander(false)] },
    titles: [
      { title: "Site Reliability Engineer", weight: 50, role: "responder", scoped: false },
      { title: "Senior Site Reliability Engineer", weight: 35, role: "incident_commander", scoped: false },
      { title: "Staff Site Reliability Engineer", weight: 10, role: "incident_commander", scoped: false },
    ],
    contractor: { title: "Contract Site Reliability Engineer", weight: 1, role: "responder", scoped: true },
    vendor: null,
    incidentWeight: 20,
    shiftHours: 12,
  },
  {
    key: "platform",
    name: "Platform",
    slug: "platform",
    description: "Compute, deployment pipeline, queues and shared services",
    weight: 310,
    minSize: 4,
    head: { title: "Director of Platform Engineering", reportsTo: "vp_engineering", roles: [manager(false), commander(true)] },
    lead: { title: "Engineering Manager, Platform", roles: [manager(true), commander(true)] },
    titles: [
      { title: "Software Engineer", weight: 40, role: "responder", scoped: true },
      { title: "Senior Software Engineer", weight: 35, role: "responder", scoped: true },
      { title: "Staff Software Engineer", weight: 12, role: "incident_commander", scoped: true },
      { title: "Principal Engineer", weight: 3, role: "incident_commander", scoped: false },
    ],
    contractor: { title: "Contract Software Engineer", weight: 1, role: "responder", scoped: true },
    vendor: { title: "Vendor Platform Consultant", weight: 1, role: "vendor", scoped: false },
    incidentWeight: 18,
    shiftHours: 168,
  },
  {
    key: "database",
    name: "Database",
    slug: "database",
    description: "Relational and key-value databases, backups and replication",
    weight: 110,
    minSize: 4,
    head: { title: "Database Engineering Manager", reportsTo: "vp_engineering", roles: [manager(false), commander(true)] },
    lead: { title: "Database Team Lead", roles: [manager(true), commander(true)] },
    titles: [
      { title: "Database Engineer", weight: 45, role: "responder", scoped: true },
      { title: "Senior Database Engineer", weight: 30, role: "incident_commander", scoped: true },
      { title: "Database Administrator", weight: 25, role: "responder", scoped: true },
    ],
    contractor: { title: "Contract Database Administrator", weight: 1, role: "responder", scoped: true },
    vendor: { title: "Vendor Database Consultant", weight: 1, role: "vendor", scoped: false },
    incidentWeight: 12,
    shiftHours: 168,
  },
  {
    key: "network",
    name: "Network",
    slug: "network",
    description: "Data center and cloud networking, DNS, CDN and certificates",
    weight: 120,
    minSize: 4,
    head: { title: "Network Engineering Manager", reportsTo: "vp_engineering", roles: [manager(false), commander(true)] },
    lead: { title: "Network Operations Lead", roles: [manager(true), commander(true)] },
    titles: [
      { title: "Network Engineer", weight: 50, role: "responder", scoped: true },
      { title: "Senior Network Engineer", weight: 30, role: "incident_commander", scoped: true },
      { title: "Network Operations Technician", weight: 20, role: "responder", scoped: true },
    ],
    contractor: { title: "Contract Network Engineer", weight: 1, role: "responder", scoped: true },
    vendor: { title: "Vendor Network Technician", weight: 1, role: "vendor", scoped: false },
    incidentWeight: 12,
    shiftHours: 12,
  },
  {
    key: "customer_success",
    name: "Customer Success",
    slug: "customer-success",
    description: "Account management and customer escalations",
    weight: 480,
    minSize: 4,
    head: { title: "Director of Customer Success", reportsTo: "vp_customer", roles: [manager(false)] },
    lead: { title: "Customer Success Team Lead", roles: [manager(true), { role: "responder", scoped: true }] },
    titles: [
      { title: "Customer Success Manager", weight: 45, role: "responder", scoped: true },
      { title: "Technical Account Manager", weight: 30, role: "responder", scoped: true },
      { title: "Customer Support Specialist", weight: 25, role: "responder", scoped: true },
    ],
    contractor: { title: "Contract Customer Support Specialist", weight: 1, role: "responder", scoped: true },
    vendor: { title: "Vendor Customer Support Agent", weight: 1, role: "vendor", scoped: false },
    incidentWeight: 2,
    shiftHours: null,
  },
  {
    key: "compliance",
    name: "Governance, Risk and Compliance",
    slug: "governance-risk-compliance",
    description: "Internal audit, access reviews and regulatory evidence",
    weight: 40,
    minSize: 3,
    head: { title: "Head of Governance, Risk and Compliance", reportsTo: "cfo", roles: [manager(false), { role: "auditor", scoped: false }] },
    lead: null,
    titles: [
      { title: "Compliance Auditor", weight: 40, role: "auditor", scoped: false },
      { title: "Internal Auditor", weight: 30, role: "auditor", scoped: false },
      { title: "Risk Analyst", weight: 30, role: "auditor", scoped: false },
    ],
    contractor: null,
    vendor: null,
    incidentWeight: 0,
    shiftHours: null,
  },
];

export const OFFICE_LOCATIONS: readonly (readonly [string, number])[] = [
  ["New York", 20],
  ["San Francisco", 15],
  ["Austin", 10],
  ["Toronto", 8],
  ["Dublin", 12],
  ["London", 10],
  ["Berlin", 8],
  ["Singapore", 7],
  ["Sydney", 5],
  ["Remote", 25],
];

/** Splits `total` people between the teams by weight, largest remainder first, respecting each minimum. */
export function teamSizes(total: number): Map<TeamKey, number> {
  const sizes = new Map<TeamKey, number>(TEAM_SPECS.map((s) => [s.key, s.minSize]));
  const free = total - TEAM_SPECS.reduce((sum, s) => sum + s.minSize, 0);
  if (free < 0) throw new Error(`The demo organization needs at least ${total - free} users, not ${total}.`);

  const weightSum = TEAM_SPECS.reduce((sum, s) => sum + s.weight, 0);
  const shares = TEAM_SPECS.map((s) => ({ key: s.key, exact: (free * s.weight) / weightSum }));
  let given = 0;
  for (const share of shares) {
    const whole = Math.floor(share.exact);
    sizes.set(share.key, sizes.get(share.key)! + whole);
    given += whole;
  }

  const byRemainder = [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)));
  for (let i = 0; i < free - given; i++) {
    const key = byRemainder[i].key;
    sizes.set(key, sizes.get(key)! + 1);
  }
  return sizes;
}
