import { buildGrants } from "./grants";
import { buildHistory } from "./history";
import { buildIncidents } from "./incidents";
import { buildPeople } from "./people";
import { addMs, DAY, DEFAULT_DEMO_SEED, HOUR, startOfUtcDay } from "./random";
import { buildReviews } from "./reviews";
import { buildSchedules } from "./schedules";
import type { DemoPlan } from "./types";

export const DEFAULT_DEMO_USERS = 2000;

// Warden went live this many days before the day of seeding, at 09:00 UTC, when older employees were imported.
const GO_LIVE_DAYS_AGO = 200;
const GO_LIVE_HOUR = 9;

export interface DemoPlanOptions {
  seed?: number;
  users?: number;
  // Any time on the day of seeding. Generated times are placed relative to the start of its UTC day.
  now?: Date;
}

/**
 * Builds the whole demo organization in memory, without touching the database. The same seed, user
 * count and UTC day give identical plans: ids, names, emails and incidents depend only on the seed and
 * the user count, and every time is an offset from the start of the UTC day of seeding.
 */
export function buildDemoPlan(options: DemoPlanOptions = {}): DemoPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const total = options.users ?? DEFAULT_DEMO_USERS;
  const anchor = startOfUtcDay(options.now ?? new Date());
  const goLive = addMs(anchor, -GO_LIVE_DAYS_AGO * DAY + GO_LIVE_HOUR * HOUR);

  const people = buildPeople(seed, total, anchor, goLive);
  const grants = buildGrants(seed, anchor, goLive, people.people, people.teamIds);
  const reviews = buildReviews(seed, anchor, people.people, grants);
  const incidents = buildIncidents(seed, anchor, people.people, people.teamIds, people.personaIds);
  const schedules = buildSchedules(seed, anchor, goLive, people.people, people.teamIds, people.personaIds);
  const auditEvents = buildHistory({ seed, anchor, goLive, people: people.people, grants, incidents, reviews });

  return {
    seed,
    anchor,
    goLive,
    teams: people.teams,
    teamManagers: people.teamManagers,
    users: people.people.map((p) => p.user),
    grants,
    incidents: incidents.incidents,
    schedules: schedules.schedules,
    scheduleMembers: schedules.members,
    shifts: schedules.shifts,
    campaigns: reviews.campaigns,
    reviewItems: reviews.items,
    auditEvents,
    personaIds: people.personaIds,
  };
}
