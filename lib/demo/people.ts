import type { Faker } from "@faker-js/faker";
import type { EmploymentType, UserSource, UserStatus } from "@/db/types";
import { PERSONAS, type PersonaKey } from "./personas";
import { addMs, DAY, demoFaker, demoId, HOUR, isoDate, MINUTE, slugPart, timeBetween, weighted } from "./random";
import { EXECUTIVE_SEATS, OFFICE_LOCATIONS, TEAM_SPECS, teamSizes, type ExecutiveKey, type TeamSpec, type TitleSpec } from "./teams";
import type { PersonFacts, TeamKey, TeamManagerRow, TeamRow, UserRow } from "./types";

export const EMPLOYEE_DOMAIN = "demo.warden.example";

// Each persona's team and position. The responder, the commander and the vendor share Support Tier 1,
// whose head is the manager persona, so the manager is both their team's manager and their direct manager.
const PERSONA_PLACES: Record<PersonaKey, { team: TeamKey; as: "head" | "member" | "seat" }> = {
  owner: { team: "security_operations", as: "head" },
  admin: { team: "it", as: "member" },
  manager: { team: "support_tier_1", as: "head" },
  responder: { team: "support_tier_1", as: "member" },
  commander: { team: "support_tier_1", as: "member" },
  auditor: { team: "compliance", as: "member" },
  executive: { team: "executive", as: "seat" },
  vendor: { team: "support_tier_1", as: "member" },
};

const PERSONA_SEAT: ExecutiveKey = "vp_engineering";

// A team lead for about every 14 people, once a team has 20.
const PEOPLE_PER_LEAD = 14;

export interface PeoplePlan {
  teams: TeamRow[];
  teamIds: Record<TeamKey, string>;
  teamManagers: TeamManagerRow[];
  people: PersonFacts[];
  personaIds: Record<PersonaKey, string>;
}

interface Draft {
  name: string;
  email: string;
  title: string;
  team: TeamKey;
  managerId: string | null;
  employmentType: EmploymentType;
  status: UserStatus;
  role: string;
  roleScoped: boolean;
  extraRoles: { role: string; scoped: boolean }[];
  isHead?: boolean;
  isLead?: boolean;
  persona?: PersonaKey;
}

/** Generates the teams and every person of the organization, with managers, titles and life cycle dates. */
export function buildPeople(seed: number, total: number, anchor: Date, goLive: Date): PeoplePlan {
  const faker = demoFaker(seed, "people");
  const sizes = teamSizes(total);
  const emails = new Set<string>(PERSONAS.map((p) => p.email.toLowerCase()));
  const people: PersonFacts[] = [];
  const teams: TeamRow[] = [];
  const teamManagers: TeamManagerRow[] = [];
  const teamIds = {} as Record<TeamKey, string>;
  const personaIds = {} as Record<PersonaKey, string>;
  const seatIds = {} as Record<ExecutiveKey, string>;

  const vendorDomains = Array.from({ length: 4 }, () => `${slugPart(faker.company.name())}.example`);
  const agencyDomains = Array.from({ length: 3 }, () => `${slugPart(faker.company.name())}.example`);
  const counters = { employee: 10_000, contractor: 500, scim: 0, pastRetention: 0 };

  const add = (draft: Draft): PersonFacts => {
    const facts = lifeCycle(faker, seed, draft, people.length, anchor, goLive, counters);
    facts.user.teamId = teamIds[draft.team];
    people.push(facts);
    if (draft.persona) personaIds[draft.persona] = facts.user.id;
    return facts;
  };

  const uniqueEmail = (first: string, last: string, domain: string): string => {
    const local = `${slugPart(first) || "user"}.${slugPart(last) || "demo"}`;
    for (let n = 1; ; n++) {
      const email = `${local}${n === 1 ? "" : n}@${domain}`;
      if (!emails.has(email)) {
        emails.add(email);
        return email;
      }
    }
  };

  const generated = (spec: { title: string; role: string; scoped: boolean }, team: TeamKey, employmentType: EmploymentType): Omit<Draft, "managerId" | "status"> => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let domain = EMPLOYEE_DOMAIN;
    if (employmentType === "vendor") domain = faker.helpers.arrayElement(vendorDomains);
    if (employmentType === "contractor") domain = faker.helpers.arrayElement(agencyDomains);
    return { name: `${first} ${last}`, email: uniqueEmail(first, last, domain), title: spec.title, team, employmentType, role: spec.role, roleScoped: spec.scoped, extraRoles: [] };
  };

  const persona = (key: PersonaKey, team: TeamKey, managerId: string | null, extra: Partial<Draft> = {}): Draft => {
    const p = PERSONAS.find((x) => x.key === key)!;
    return {
      name: p.name,
      email: p.email,
      title: p.title,
      team,
      managerId,
      employmentType: key === "vendor" ? "vendor" : "employee",
      status: "active",
      role: p.role,
      roleScoped: false,
      extraRoles: [],
      persona: key,
      ...extra,
    };
  };

  for (const spec of TEAM_SPECS) {
    const teamId = demoId(seed, "team", spec.key);
    teamIds[spec.key] = teamId;
    teams.push({ id: teamId, name: spec.name, slug: spec.slug, description: spec.description, createdAt: goLive });
  }

  for (const spec of TEAM_SPECS) {
    const size = sizes.get(spec.key)!;
    const start = people.length;
    const placed = (Object.keys(PERSONA_PLACES) as PersonaKey[]).filter((k) => PERSONA_PLACES[k].team === spec.key);

    if (spec.key === "executive") {
      for (const seat of EXECUTIVE_SEATS) {
        const managerId = seat.reportsTo ? seatIds[seat.reportsTo] : null;
        const draft =
          seat.key === PERSONA_SEAT
            ? persona("executive", spec.key, managerId)
            : { ...generated({ title: seat.title, role: seat.role, scoped: false }, spec.key, "employee"), managerId, status: "active" as const };
        seatIds[seat.key] = add(draft).user.id;
      }
      teamManagers.push({ teamId: teamIds[spec.key], userId: seatIds.ceo });
      fillMembers(spec, size - (people.length - start), [seatIds.ceo]);
      continue;
    }

    const head = spec.head!;
    const headPersona = placed.find((k) => PERSONA_PLACES[k].as === "head");
    const headDraft: Draft = headPersona
      ? persona(headPersona, spec.key, seatIds[head.reportsTo], { isHead: true })
      : {
          ...generated({ title: head.title, role: head.roles[0].role, scoped: head.roles[0].scoped }, spec.key, "employee"),
          managerId: seatIds[head.reportsTo],
          status: "active",
          extraRoles: head.roles.slice(1),
          isHead: true,
        };
    const headId = add(headDraft).user.id;
    teamManagers.push({ teamId: teamIds[spec.key], userId: headId });

    const memberPersonas = placed.filter((k) => PERSONA_PLACES[k].as === "member");
    const leadCount = spec.lead && size >= 20 ? Math.floor((size - 1) / PEOPLE_PER_LEAD) : 0;
    const leadIds: string[] = [];
    for (let i = 0; i < leadCount; i++) {
      const lead = spec.lead!;
      const draft = {
        ...generated({ title: lead.title, role: lead.roles[0].role, scoped: lead.roles[0].scoped }, spec.key, "employee"),
        managerId: headId,
        status: "active" as const,
        extraRoles: lead.roles.slice(1),
        isLead: true,
      };
      const id = add(draft).user.id;
      leadIds.push(id);
      teamManagers.push({ teamId: teamIds[spec.key], userId: id });
    }

    for (const key of memberPersonas) add(persona(key, spec.key, headId));
    fillMembers(spec, size - (people.length - start), leadIds.length ? leadIds : [headId]);
  }

  return { teams, teamIds, teamManagers, people, personaIds };

  function fillMembers(spec: TeamSpec, count: number, managers: string[]) {
    for (let i = 0; i < count; i++) {
      const employmentType = pickEmployment(faker, spec);
      let title: TitleSpec;
      if (employmentType === "contractor") title = spec.contractor!;
      else if (employmentType === "vendor") title = spec.vendor!;
      else title = weightedTitle(faker, spec.titles);
      const status = weighted<UserStatus>(faker, [
        ["active", 88],
        ["invited", 3],
        ["suspended", 2],
        ["deactivated", 7],
      ]);
      add({ ...generated(title, spec.key, employmentType), managerId: managers[i % managers.length], status });
    }
  }
}

function weightedTitle(faker: Faker, titles: TitleSpec[]): TitleSpec {
  return weighted(faker, titles.map((t) => [t, t.weight] as const));
}

function pickEmployment(faker: Faker, spec: TeamSpec): EmploymentType {
  const options: [EmploymentType, number][] = [["employee", 100]];
  if (spec.contractor) options.push(["contractor", 6]);
  if (spec.vendor) options.push(["vendor", 3]);
  return weighted(faker, options);
}

// The default of users.purge_after_days (DEFAULT_RETENTION_DAYS); the demo seed test checks they agree.
export const DEMO_RETENTION_DAYS = 30;
// How many deactivated people are older than the retention period; everyone else left within
// RECENT_DEACTIVATION_DAYS. A time-limited contract ends the day before its deactivation, so the
// recent window starts a day later than this.
export const DEACTIVATED_PAST_RETENTION = 3;
export const RECENT_DEACTIVATION_DAYS = 25;

/**
 * Fills in the dates of a person's life cycle. Employees who started before the go-live were imported
 * from the identity provider on that day; later hires were created a few days before they started.
 * Contractors and vendors always carry an end date at most 89 days ahead, so their grants can expire
 * the day after it and stay within 90 days.
 */
function lifeCycle(
  faker: Faker,
  seed: number,
  draft: Draft,
  index: number,
  anchor: Date,
  goLive: Date,
  counters: { employee: number; contractor: number; scim: number; pastRetention: number },
): PersonFacts {
  const id = demoId(seed, "user", index);
  const timeLimited = draft.employmentType !== "employee";
  let startDate: Date;
  let createdAt: Date;
  let endDate: Date | null = null;
  let deactivatedAt: Date | null = null;
  let suspendedAt: Date | null = null;
  let lastActiveAt: Date | null = null;

  if (draft.status === "invited") {
    createdAt = timeBetween(faker, addMs(anchor, -14 * DAY), addMs(anchor, -HOUR));
    startDate = addMs(anchor, faker.number.int({ min: 1, max: 30 }) * DAY);
  } else if (draft.status === "deactivated") {
    // The users.purge job purges people deactivated longer ago than the retention period (30 days by
    // default) as soon as the app starts. So most leavers left within the last 25 days and stay visible,
    // and only the first few are past retention, which gives the job a realistic first run.
    const pastRetention = counters.pastRetention < DEACTIVATED_PAST_RETENTION;
    if (pastRetention) counters.pastRetention += 1;
    deactivatedAt = pastRetention
      ? timeBetween(faker, maxDate(addMs(goLive, 7 * DAY), addMs(anchor, -90 * DAY)), addMs(anchor, -(DEMO_RETENTION_DAYS + 5) * DAY))
      : timeBetween(faker, addMs(anchor, -(RECENT_DEACTIVATION_DAYS - 1) * DAY), addMs(anchor, -DAY));
    const earliest = timeLimited ? addMs(deactivatedAt, -400 * DAY) : addMs(deactivatedAt, -6 * 365 * DAY);
    startDate = timeBetween(faker, earliest, addMs(deactivatedAt, -45 * DAY));
    createdAt = hiredAt(faker, startDate, goLive, index);
    if (timeLimited) {
      // A contract that ran out: the account was deactivated when the end date passed.
      endDate = deactivatedAt;
      deactivatedAt = addMs(new Date(`${isoDate(endDate)}T00:00:00Z`), DAY);
    } else {
      endDate = deactivatedAt;
    }
    lastActiveAt = timeBetween(faker, addMs(deactivatedAt, -3 * DAY), addMs(deactivatedAt, -HOUR));
  } else {
    const earliest = timeLimited ? addMs(anchor, -400 * DAY) : addMs(anchor, -8 * 365 * DAY);
    startDate = timeBetween(faker, earliest, addMs(anchor, -20 * DAY));
    if (draft.persona === "vendor") startDate = addMs(anchor, -30 * DAY);
    createdAt = hiredAt(faker, startDate, goLive, index);
    // The Owner and Admin personas set Warden up the day before the go-live import.
    if (draft.persona === "owner") createdAt = addMs(goLive, -DAY);
    if (draft.persona === "admin") createdAt = addMs(goLive, -DAY + HOUR);
    if (draft.status === "suspended") {
      suspendedAt = timeBetween(faker, maxDate(addMs(createdAt, DAY), addMs(anchor, -90 * DAY)), addMs(anchor, -2 * DAY));
      lastActiveAt = timeBetween(faker, addMs(suspendedAt, -5 * DAY), addMs(suspendedAt, -HOUR));
    } else if (draft.persona || faker.datatype.boolean({ probability: 0.9 })) {
      lastActiveAt = timeBetween(faker, addMs(anchor, -10 * DAY), addMs(anchor, -10 * MINUTE));
    } else {
      lastActiveAt = timeBetween(faker, addMs(anchor, -90 * DAY), addMs(anchor, -15 * DAY));
    }
    if (lastActiveAt < createdAt) lastActiveAt = addMs(createdAt, HOUR);
  }

  if (timeLimited && !endDate) {
    if (draft.persona === "vendor") endDate = addMs(anchor, 60 * DAY);
    else if (draft.status === "invited") endDate = addMs(startDate, faker.number.int({ min: 30, max: 59 }) * DAY);
    else endDate = addMs(anchor, faker.number.int({ min: 7, max: 89 }) * DAY);
  }

  const source = userSource(faker, draft);
  const externalId = source === "scim" ? `00u${demoId(seed, "okta", counters.scim++).replace(/-/g, "").slice(0, 17)}` : null;
  let employeeId: string | null = null;
  if (draft.employmentType === "employee") employeeId = `E${++counters.employee}`;
  if (draft.employmentType === "contractor") employeeId = `C${++counters.contractor}`;
  const changes = [suspendedAt, deactivatedAt].filter((d): d is Date => d !== null);

  const user: UserRow = {
    id,
    email: draft.email,
    name: draft.name,
    title: draft.title,
    teamId: null,
    managerId: draft.managerId,
    employmentType: draft.employmentType,
    status: draft.status,
    source,
    externalId,
    employeeId,
    location: weighted(faker, OFFICE_LOCATIONS),
    startDate: isoDate(startDate),
    endDate: endDate ? isoDate(endDate) : null,
    passwordHash: null,
    lastActiveAt,
    deactivatedAt,
    purgedAt: null,
    version: 1 + changes.length,
    createdAt,
    updatedAt: changes.length ? maxDate(createdAt, ...changes) : createdAt,
  };

  return {
    user,
    team: draft.team,
    role: draft.role,
    roleScoped: draft.roleScoped,
    extraRoles: draft.extraRoles,
    isHead: draft.isHead ?? false,
    isLead: draft.isLead ?? false,
    persona: draft.persona ?? null,
    suspendedAt,
  };
}

// People who started before the go-live arrived in one import, 50 ms apart.
function hiredAt(faker: Faker, startDate: Date, goLive: Date, index: number): Date {
  if (startDate.getTime() <= goLive.getTime() + 10 * DAY) return addMs(goLive, index * 50);
  return addMs(startDate, -faker.number.int({ min: 2, max: 10 }) * DAY - faker.number.int({ min: 0, max: 8 }) * HOUR);
}

function userSource(faker: Faker, draft: Draft): UserSource {
  if (draft.persona || draft.employmentType === "vendor") return "manual";
  return weighted<UserSource>(faker, [
    ["scim", 80],
    ["csv", 12],
    ["manual", 8],
  ]);
}

function maxDate(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}
