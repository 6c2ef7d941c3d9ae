import type { Faker } from "@faker-js/faker";
import type { Severity } from "@/db/types";
import { slugPart } from "./random";
import type { TeamKey } from "./types";

const SERVICES = ["checkout-api", "payments-gateway", "search", "notifications", "auth-service", "billing", "ingest-pipeline", "edge-proxy", "reporting", "mobile-api"];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"];
const CLUSTERS = ["orders-pg-01", "ledger-pg-02", "sessions-redis-01", "events-kafka-03", "analytics-ch-01"];
const SITES = ["IAD1", "SFO2", "DUB1", "FRA1", "SIN1"];
const DOMAINS = ["api.warden-demo.example", "app.warden-demo.example", "status.warden-demo.example", "cdn.warden-demo.example"];
const OFFICES = ["New York", "San Francisco", "Austin", "Toronto", "Dublin", "London", "Berlin", "Singapore", "Sydney"];

type Title = (f: Faker) => string;
const pick = (f: Faker, list: readonly string[]) => f.helpers.arrayElement(list);

const TITLES: Record<TeamKey, Title[]> = {
  support_tier_1: [
    (f) => `Customers unable to sign in with SSO in ${pick(f, REGIONS)}`,
    () => "Password reset emails delayed",
    () => "Spike in support tickets about failed payments",
    (f) => `Mobile app crashes on launch for ${pick(f, ["iOS", "Android"])} users`,
    () => "Webhook deliveries failing for enterprise customers",
    () => "Invoices showing incorrect totals",
  ],
  site_reliability: [
    (f) => `Elevated 5xx rate on ${pick(f, SERVICES)}`,
    (f) => `${pick(f, SERVICES)} p99 latency above SLO in ${pick(f, REGIONS)}`,
    (f) => `Error budget burn on ${pick(f, SERVICES)}`,
    (f) => `Kubernetes node pool exhausted in ${pick(f, REGIONS)}`,
    (f) => `Deploy of ${pick(f, SERVICES)} stuck in canary`,
  ],
  platform: [
    (f) => `Message queue backlog in ${pick(f, SERVICES)}`,
    () => "CI pipeline failures blocking deploys",
    () => "Feature flag service returning stale values",
    (f) => `Cache hit rate collapsed on ${pick(f, SERVICES)}`,
  ],
  database: [
    (f) => `Replication lag on ${pick(f, CLUSTERS)}`,
    (f) => `Unplanned primary failover on ${pick(f, CLUSTERS)}`,
    (f) => `Disk usage above 90% on ${pick(f, CLUSTERS)}`,
    (f) => `Slow queries saturating ${pick(f, CLUSTERS)}`,
    (f) => `Nightly backup failed for ${pick(f, CLUSTERS)}`,
  ],
  network: [
    (f) => {
      const [a, b] = f.helpers.arrayElements(SITES, 2);
      return `Packet loss between ${a} and ${b}`;
    },
    (f) => `DNS resolution failures for ${pick(f, DOMAINS)}`,
    (f) => `CDN origin errors in ${pick(f, REGIONS)}`,
    (f) => `BGP session flapping at ${pick(f, SITES)}`,
    (f) => `TLS certificate about to expire on ${pick(f, DOMAINS)}`,
  ],
  security_operations: [
    () => "Phishing campaign targeting employees",
    () => "Suspicious sign-ins to administrator accounts",
    () => "API key exposed in a public repository",
    () => "Malware alert on a build agent",
    (f) => `Unusual data export from ${pick(f, SERVICES)}`,
  ],
  it: [
    () => "VPN outage for remote staff",
    () => "Laptop update failing across the fleet",
    (f) => `Office Wi-Fi down in ${pick(f, OFFICES)}`,
    () => "Corporate email delivery delayed",
  ],
  customer_success: [(f) => `${f.company.name()} reports data sync errors`, (f) => `SLA breach risk for ${f.company.name()}`],
  executive: [],
  compliance: [],
};

const DETECTIONS = [
  "Detected by a synthetic check.",
  "Paged by the error-rate alert.",
  "Reported by customers through support.",
  "Raised by the on-call engineer during a routine check.",
];

const EFFECTS = [
  "Orders could not be completed.",
  "Dashboards showed data up to an hour old.",
  "Users were signed out repeatedly.",
  "API calls timed out after 30 seconds.",
  "Exports and scheduled reports failed.",
];

const CAUSES = [
  "a configuration change in the last deploy",
  "connection pool exhaustion under peak load",
  "an expired TLS certificate",
  "a noisy neighbour on shared hosts",
  "a schema migration that locked a hot table",
  "an upstream provider outage",
  "a memory leak in the new release",
];

const ACTIONS = [
  "Rolled back the release",
  "Failed over to the standby",
  "Scaled the node pool from 12 to 20 nodes",
  "Rotated the exposed credential",
  "Blocked the source address range at the edge",
  "Paused the batch jobs competing for the database",
];

// Share of requests affected, by severity, in percent.
const AFFECTED: Record<Severity, [number, number]> = { SEV1: [20, 80], SEV2: [5, 30], SEV3: [1, 10], SEV4: [0, 1] };

export interface IncidentText {
  title: string;
  summary: string;
  customerImpact: string;
  internalNotes: string;
}

/**
 * Writes an incident's title, summary and sensitive fields. The sensitive fields name customers and their
 * contacts on purpose, so that redaction for executives has something to hide.
 */
export function incidentText(faker: Faker, team: TeamKey, severity: Severity, number: number): IncidentText {
  const title = faker.helpers.arrayElement(TITLES[team])(faker);
  const [low, high] = AFFECTED[severity];
  const share = low === 0 ? "Fewer than 1%" : `About ${faker.number.int({ min: low, max: high })}%`;
  const summary = `${pick(faker, DETECTIONS)} ${share} of requests in ${pick(faker, REGIONS)} affected.`;

  const company = faker.company.name();
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const contact = `${first} ${last}`;
  const email = `${slugPart(first)}.${slugPart(last)}@${slugPart(company)}.example`;
  const accounts = faker.number.int({ min: severity === "SEV4" ? 1 : 10, max: severity === "SEV1" ? 4000 : 400 });
  const customerImpact = `${accounts} customer accounts affected, including ${company} (contact: ${contact}, ${email}). ${pick(faker, EFFECTS)}`;

  const internalNotes =
    `Suspected cause: ${pick(faker, CAUSES)}. ${pick(faker, ACTIONS)} (change ${faker.git.commitSha({ length: 7 })}). ` +
    `${contact} at ${company} asked for a written root-cause analysis. War room: #inc-${number}.`;

  return { title, summary, customerImpact, internalNotes };
}
