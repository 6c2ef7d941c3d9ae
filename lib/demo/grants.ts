import type { Faker } from "@faker-js/faker";
import type { GrantSource } from "@/db/types";
import { addMs, DAY, demoFaker, demoId, HOUR, MINUTE, timeBetween } from "./random";
import { TEAM_SPECS } from "./teams";
import type { GrantRow, PersonFacts, TeamKey } from "./types";

// Maximum length of a contractor or vendor grant, in days, unless an Owner extends it.
export const MAX_TIME_LIMITED_DAYS = 90;

const OPERATIONAL_TEAMS = TEAM_SPECS.filter((s) => s.incidentWeight > 0).map((s) => s.key);

/**
 * Generates the grants that follow from each person's title and position, plus a few temporary cover
 * grants and expired break-glass grants. Contractor and vendor grants expire the day after their end date.
 * Grants of deactivated people are ended at deactivation, or expired when a contract ran out.
 */
export function buildGrants(seed: number, anchor: Date, goLive: Date, people: PersonFacts[], teamIds: Record<TeamKey, string>): GrantRow[] {
  const faker = demoFaker(seed, "grants");
  const grants: GrantRow[] = [];
  const admins = administrators(people);
  const owner = people.find((p) => p.persona === "owner")!.user.id;
  const heads = new Map(people.filter((p) => p.isHead).map((p) => [p.team, p.user.id]));

  const push = (row: Omit<GrantRow, "id">) => grants.push({ id: demoId(seed, "grant", grants.length), ...row });

  for (const person of people) {
    const user = person.user;
    const roles = [{ role: person.role, scoped: person.roleScoped }, ...person.extraRoles];
    const timeLimited = user.employmentType !== "employee";
    const expiresAt = timeLimited ? addMs(new Date(`${user.endDate}T00:00:00Z`), DAY) : null;

    for (const { role, scoped } of roles) {
      let grantedAt = addMs(user.createdAt, faker.number.int({ min: 1, max: 30 }) * MINUTE);
      // A contract renewed since the account was created: the current grant starts at the renewal.
      if (expiresAt && expiresAt.getTime() - grantedAt.getTime() > MAX_TIME_LIMITED_DAYS * DAY) {
        grantedAt = addMs(expiresAt, -MAX_TIME_LIMITED_DAYS * DAY);
      }

      const origin = grantOrigin(faker, person, role, grantedAt, admins, owner);
      const ended = endOf(faker, person, expiresAt, admins);
      push({
        userId: user.id,
        roleId: `role_${role}`,
        teamId: scoped ? user.teamId : null,
        expiresAt,
        grantedAt,
        ...origin,
        ...ended,
      });
    }

    if (user.status !== "active" || timeLimited || person.persona) continue;
    if (!OPERATIONAL_TEAMS.includes(person.team) || (person.role !== "responder" && person.role !== "incident_commander")) continue;

    if (faker.datatype.boolean({ probability: 0.04 })) {
      const other = faker.helpers.arrayElement(OPERATIONAL_TEAMS.filter((k) => k !== person.team));
      const grantedAt = timeBetween(faker, addMs(anchor, -20 * DAY), addMs(anchor, -DAY));
      push({
        userId: user.id,
        roleId: "role_responder",
        teamId: teamIds[other],
        expiresAt: addMs(grantedAt, 30 * DAY),
        grantedAt,
        grantedBy: heads.get(other) ?? owner,
        reason: `Covering the ${TEAM_SPECS.find((s) => s.key === other)!.name} rotation for 30 days`,
        source: "access_request",
        endedAt: null,
        endedBy: null,
        endReason: null,
      });
    } else if (person.role === "responder" && faker.datatype.boolean({ probability: 0.02 })) {
      const earliest = new Date(Math.max(addMs(goLive, 7 * DAY).getTime(), addMs(user.createdAt, DAY).getTime()));
      if (earliest >= addMs(anchor, -2 * DAY)) continue;
      const grantedAt = timeBetween(faker, earliest, addMs(anchor, -2 * DAY));
      const expires = addMs(grantedAt, 4 * HOUR);
      push({
        userId: user.id,
        roleId: "role_incident_commander",
        teamId: null,
        expiresAt: expires,
        grantedAt,
        grantedBy: user.id,
        reason: "Break-glass: commanding a SEV1 while the on-call commander was unreachable",
        source: "break_glass",
        endedAt: expires,
        endedBy: null,
        endReason: "expired",
      });
    }
  }
  return grants;
}

function grantOrigin(faker: Faker, person: PersonFacts, role: string, at: Date, admins: PersonFacts[], owner: string) {
  const user = person.user;
  if (person.persona === "owner" && role === "owner") {
    return { grantedBy: null, reason: "First Owner of the organization", source: "manual" as GrantSource };
  }
  if (user.employmentType !== "employee") {
    return { grantedBy: adminAt(faker, admins, at, user.id), reason: `Contract access until ${user.endDate}`, source: "manual" as GrantSource };
  }
  if (role === "owner") return { grantedBy: owner, reason: "Second Owner, so the organization never depends on one person", source: "manual" as GrantSource };
  if (user.source === "scim") {
    return { grantedBy: null, reason: `Member of the identity provider group for ${user.title}`, source: "scim_group" as GrantSource };
  }
  const source: GrantSource = user.source === "csv" ? "csv" : "manual";
  return { grantedBy: adminAt(faker, admins, at, user.id), reason: `Role for the title ${user.title}`, source };
}

function endOf(faker: Faker, person: PersonFacts, expiresAt: Date | null, admins: PersonFacts[]) {
  const user = person.user;
  if (user.status !== "deactivated" || !user.deactivatedAt) return { endedAt: null, endedBy: null, endReason: null };
  if (expiresAt && expiresAt.getTime() <= user.deactivatedAt.getTime()) return { endedAt: expiresAt, endedBy: null, endReason: "expired" };
  return { endedAt: user.deactivatedAt, endedBy: adminAt(faker, admins, user.deactivatedAt, user.id), endReason: "User deactivated" };
}

/** Returns the people who hold Owner or Admin: the ones who create accounts and grants in the history. */
export function administrators(people: PersonFacts[]): PersonFacts[] {
  const administers = (role: string) => role === "owner" || role === "admin";
  return people.filter((p) => administers(p.role) || p.extraRoles.some((r) => administers(r.role)));
}

/** Picks an administrator whose account existed at `at`, other than the subject of the change. */
export function adminAt(faker: Faker, admins: PersonFacts[], at: Date, subjectId: string): string {
  const present = admins.filter((a) => a.user.createdAt < at && a.user.id !== subjectId);
  if (!present.length) throw new Error(`No demo administrator existed at ${at.toISOString()}.`);
  return faker.helpers.arrayElement(present).user.id;
}
