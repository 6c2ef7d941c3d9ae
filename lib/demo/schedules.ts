import type { PersonaKey } from "./personas";
import { addMs, DAY, demoFaker, demoId, HOUR } from "./random";
import { TEAM_SPECS } from "./teams";
import type { PersonFacts, ScheduleMemberRow, ScheduleRow, ShiftRow, TeamKey } from "./types";

const WEEKS_BEHIND = 4;
const WEEKS_AHEAD = 8;

export interface SchedulePlan {
  schedules: ScheduleRow[];
  members: ScheduleMemberRow[];
  shifts: ShiftRow[];
}

/**
 * Generates one rotation per operational team, with shifts from four weeks back to eight weeks ahead.
 * Weekly rotations hand over at the anchor minus three days, so the current shift covers the day of
 * seeding and the three days after it. In Support Tier 1, that current shift is the responder persona's.
 */
export function buildSchedules(
  seed: number,
  anchor: Date,
  goLive: Date,
  people: PersonFacts[],
  teamIds: Record<TeamKey, string>,
  personaIds: Record<PersonaKey, string>,
): SchedulePlan {
  const faker = demoFaker(seed, "schedules");
  const plan: SchedulePlan = { schedules: [], members: [], shifts: [] };

  for (const spec of TEAM_SPECS) {
    if (!spec.shiftHours) continue;
    const scheduleId = demoId(seed, "schedule", spec.key);
    const weekly = spec.shiftHours === 168;
    plan.schedules.push({
      id: scheduleId,
      teamId: teamIds[spec.key],
      name: `${spec.name} primary on-call`,
      shiftHours: spec.shiftHours,
      createdAt: goLive,
    });

    const candidates = people.filter(
      (p) => p.team === spec.key && p.user.status === "active" && !p.persona && (p.role === "responder" || p.role === "incident_commander"),
    );
    let rotation = faker.helpers.arrayElements(candidates, Math.min(candidates.length, weekly ? 6 : 8)).map((p) => p.user.id);

    const length = spec.shiftHours * HOUR;
    const first = weekly ? addMs(anchor, -3 * DAY - WEEKS_BEHIND * 7 * DAY) : addMs(anchor, -WEEKS_BEHIND * 7 * DAY);
    const end = addMs(anchor, WEEKS_AHEAD * 7 * DAY);
    const currentIndex = Math.floor((anchor.getTime() - first.getTime()) / length);

    if (spec.key === "support_tier_1") {
      // Put the responder where the rotation reaches the current shift, and the commander beside them.
      const others = rotation.filter((id) => id !== personaIds.responder && id !== personaIds.commander).slice(0, 4);
      rotation = [...others, personaIds.commander];
      rotation.splice(currentIndex % (rotation.length + 1), 0, personaIds.responder);
    }
    if (!rotation.length) continue;

    rotation.forEach((userId, position) => plan.members.push({ scheduleId, userId, position }));

    // One visible hole a week ahead in a 12-hour rotation: a departed member's slot not yet covered.
    const gapIndex = spec.key === "network" ? currentIndex + 15 : -1;
    for (let i = 0; first.getTime() + i * length < end.getTime(); i++) {
      const startsAt = addMs(first, i * length);
      const isGap = i === gapIndex;
      plan.shifts.push({
        id: demoId(seed, "shift", `${spec.key}:${i}`),
        scheduleId,
        userId: isGap ? null : rotation[i % rotation.length],
        startsAt,
        endsAt: addMs(startsAt, length),
        isGap,
      });
    }
  }
  return plan;
}
