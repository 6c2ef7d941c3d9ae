import type { Faker } from "@faker-js/faker";
import { INCIDENT_STATUSES, MAJOR_SEVERITIES, SEVERITIES, type IncidentStatus, type Severity } from "@/db/types";
import type { PersonaKey } from "./personas";
import { incidentText } from "./incident-text";
import { addMs, DAY, demoFaker, demoId, HOUR, MINUTE, timeBetween, weighted } from "./random";
import { TEAM_SPECS } from "./teams";
import type { IncidentRow, PersonFacts, TeamKey } from "./types";

export const INCIDENT_COUNT = 500;
export const INCIDENT_HISTORY_DAYS = 182;

const OPEN_STATUSES: IncidentStatus[] = ["triggered", "acknowledged", "investigating", "mitigated"];

/** One change of an incident's status, with the user who made it (null: the alerting integration). */
export interface TimelineStep {
  status: IncidentStatus;
  at: Date;
  by: string | null;
}

export interface IncidentPlan {
  incidents: IncidentRow[];
  timelines: Map<string, TimelineStep[]>;
}

interface Slot {
  createdAt: Date;
  severity: Severity;
  status: IncidentStatus;
  team?: TeamKey;
  assignee?: PersonaKey;
  commander?: PersonaKey;
}

// Open incidents the personas need: the responder is assigned an open SEV1 and SEV2 they may not close,
// the commander commands open major incidents, and the vendor works on three assigned incidents.
const PERSONA_SLOTS: Omit<Slot, "createdAt">[] = [
  { severity: "SEV1", status: "investigating", team: "support_tier_1", assignee: "responder", commander: "commander" },
  { severity: "SEV2", status: "acknowledged", team: "support_tier_1", assignee: "responder", commander: "commander" },
  { severity: "SEV3", status: "triggered", team: "support_tier_1", assignee: "responder" },
  { severity: "SEV4", status: "mitigated", team: "support_tier_1", assignee: "responder" },
  { severity: "SEV1", status: "mitigated", team: "site_reliability", commander: "commander" },
  { severity: "SEV2", status: "investigating", team: "platform", commander: "commander" },
  { severity: "SEV2", status: "acknowledged", team: "support_tier_1", assignee: "vendor", commander: "commander" },
  { severity: "SEV3", status: "investigating", team: "support_tier_1", assignee: "vendor" },
  { severity: "SEV4", status: "triggered", team: "support_tier_1", assignee: "vendor" },
];

/**
 * Generates 500 incidents over the last six months, numbered 1 to 500 in order of creation. Every pair
 * of severity and status occurs at least once; old incidents are mostly closed and recent ones open.
 */
export function buildIncidents(
  seed: number,
  anchor: Date,
  people: PersonFacts[],
  teamIds: Record<TeamKey, string>,
  personaIds: Record<PersonaKey, string>,
): IncidentPlan {
  const faker = demoFaker(seed, "incidents");
  const slots = planSlots(faker, anchor);
  const pools = assigneePools(people);
  const incidents: IncidentRow[] = [];
  const timelines = new Map<string, TimelineStep[]>();

  slots.forEach((slot, index) => {
    const number = index + 1;
    const id = demoId(seed, "incident", number);
    const team = slot.team ?? weighted(faker, TEAM_SPECS.filter((s) => s.incidentWeight > 0).map((s) => [s.key, s.incidentWeight] as const));
    const open = OPEN_STATUSES.includes(slot.status);
    // Rough span of the incident, used only to check who was around to work on it.
    const until = open ? anchor : addMs(slot.createdAt, 2 * DAY);

    const assignee = slot.assignee ? personaIds[slot.assignee] : pickPerson(faker, pools.responders.get(team)!, slot.createdAt, until, open);
    const commander = slot.commander
      ? personaIds[slot.commander]
      : pickPerson(faker, pools.commanders.get(team)!, slot.createdAt, until, open) ?? pickPerson(faker, pools.globalCommanders, slot.createdAt, until, open);
    if (!assignee || !commander) throw new Error(`No one could work on demo incident ${number} of team ${team}; raise the user count.`);

    const closer = MAJOR_SEVERITIES.includes(slot.severity) || pools.vendors.has(assignee) ? commander : assignee;
    const steps = timeline(faker, slot, anchor, assignee, closer);
    const last = steps[steps.length - 1];
    const text = incidentText(faker, team, slot.severity, number);

    incidents.push({
      id,
      number,
      ...text,
      severity: slot.severity,
      status: slot.status,
      teamId: teamIds[team],
      assigneeId: assignee,
      commanderId: commander,
      createdAt: slot.createdAt,
      updatedAt: last.at,
      resolvedAt: steps.find((s) => s.status === "resolved")?.at ?? null,
      closedAt: slot.status === "closed" ? last.at : null,
      closedBy: slot.status === "closed" ? closer : null,
      version: steps.length,
    });
    timelines.set(id, steps);
  });

  return { incidents, timelines };
}

function planSlots(faker: Faker, anchor: Date): Slot[] {
  const recent = () => timeBetween(faker, addMs(anchor, -3 * DAY), addMs(anchor, -30 * MINUTE));
  const slots: Slot[] = PERSONA_SLOTS.map((slot) => ({ ...slot, createdAt: recent() }));

  for (const severity of SEVERITIES) {
    for (const status of INCIDENT_STATUSES) {
      let createdAt: Date;
      if (OPEN_STATUSES.includes(status)) createdAt = recent();
      else if (status === "resolved") createdAt = timeBetween(faker, addMs(anchor, -14 * DAY), addMs(anchor, -3 * DAY));
      else createdAt = timeBetween(faker, addMs(anchor, -INCIDENT_HISTORY_DAYS * DAY), addMs(anchor, -14 * DAY));
      slots.push({ createdAt, severity, status });
    }
  }

  while (slots.length < INCIDENT_COUNT) {
    const createdAt = timeBetween(faker, addMs(anchor, -INCIDENT_HISTORY_DAYS * DAY), addMs(anchor, -30 * MINUTE));
    const severity = weighted<Severity>(faker, [
      ["SEV1", 6],
      ["SEV2", 14],
      ["SEV3", 40],
      ["SEV4", 40],
    ]);
    slots.push({ createdAt, severity, status: statusForAge(faker, (anchor.getTime() - createdAt.getTime()) / DAY) });
  }

  // Stable sort: ties keep generation order, so numbering is reproducible.
  return slots.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

function statusForAge(faker: Faker, ageDays: number): IncidentStatus {
  if (ageDays < 3) {
    return weighted<IncidentStatus>(faker, [
      ["triggered", 15],
      ["acknowledged", 20],
      ["investigating", 25],
      ["mitigated", 20],
      ["resolved", 20],
    ]);
  }
  if (ageDays < 14) {
    return weighted<IncidentStatus>(faker, [
      ["investigating", 5],
      ["mitigated", 10],
      ["resolved", 45],
      ["closed", 40],
    ]);
  }
  if (ageDays < 30) return faker.datatype.boolean({ probability: 0.15 }) ? "resolved" : "closed";
  return faker.datatype.boolean({ probability: 0.02 }) ? "resolved" : "closed";
}

interface Pools {
  responders: Map<TeamKey, PersonFacts[]>;
  commanders: Map<TeamKey, PersonFacts[]>;
  globalCommanders: PersonFacts[];
  vendors: Set<string>;
}

// Random picks skip the personas, so their incidents are exactly the ones listed in PERSONA_SLOTS.
function assigneePools(people: PersonFacts[]): Pools {
  const pools: Pools = { responders: new Map(), commanders: new Map(), globalCommanders: [], vendors: new Set() };
  const holds = (p: PersonFacts, role: string) => p.role === role || p.extraRoles.some((r) => r.role === role);

  for (const spec of TEAM_SPECS) {
    const members = people.filter((p) => p.team === spec.key && !p.persona);
    pools.responders.set(spec.key, members.filter((p) => holds(p, "responder") || holds(p, "incident_commander") || holds(p, "vendor")));
    pools.commanders.set(spec.key, members.filter((p) => holds(p, "incident_commander")));
  }
  for (const p of people) {
    if (!p.persona && p.role === "incident_commander" && !p.roleScoped) pools.globalCommanders.push(p);
    if (p.role === "vendor") pools.vendors.add(p.user.id);
  }
  return pools;
}

/** Picks someone who had an account for the whole span; open incidents need someone active now. */
function pickPerson(faker: Faker, pool: PersonFacts[], from: Date, until: Date, open: boolean): string | null {
  const eligible = pool.filter((p) => {
    const u = p.user;
    if (u.status === "invited" || u.createdAt > from) return false;
    if (open) return u.status === "active";
    if (u.deactivatedAt && u.deactivatedAt <= until) return false;
    return !(p.suspendedAt && p.suspendedAt <= until);
  });
  return eligible.length ? faker.helpers.arrayElement(eligible).user.id : null;
}

/**
 * Walks the incident from triggered to its final status with realistic gaps. When the walk would end
 * after the anchor, every gap is shrunk by the same factor so the last change lands just before it.
 */
function timeline(faker: Faker, slot: Slot, anchor: Date, assignee: string, closer: string): TimelineStep[] {
  const major = MAJOR_SEVERITIES.includes(slot.severity);
  const gaps: Record<Exclude<IncidentStatus, "triggered">, [number, number]> = {
    acknowledged: [2 * MINUTE, 15 * MINUTE],
    investigating: [3 * MINUTE, 30 * MINUTE],
    mitigated: major ? [20 * MINUTE, 4 * HOUR] : [30 * MINUTE, 12 * HOUR],
    resolved: [10 * MINUTE, 8 * HOUR],
    closed: [HOUR, 4 * DAY],
  };

  const target = INCIDENT_STATUSES.indexOf(slot.status);
  const offsets = [0];
  for (let i = 1; i <= target; i++) {
    const [min, max] = gaps[INCIDENT_STATUSES[i] as keyof typeof gaps];
    offsets.push(offsets[i - 1] + faker.number.int({ min, max }));
  }

  const latest = anchor.getTime() - 5 * MINUTE - slot.createdAt.getTime();
  const total = offsets[offsets.length - 1];
  const scale = total > latest ? latest / total : 1;

  return offsets.map((offset, i) => {
    const status = INCIDENT_STATUSES[i];
    let by: string | null = assignee;
    if (i === 0) by = null;
    else if (status === "closed") by = closer;
    return { status, at: new Date(slot.createdAt.getTime() + Math.floor((offset * scale) / 1000) * 1000), by };
  });
}
