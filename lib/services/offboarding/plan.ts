import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { t, type Db } from "@/db";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { normalizeEmail } from "@/lib/services/users/email";
import { isMajor, type OffboardingImpact } from "./impact";

// A person is named by user id or by email, so forms can take an address typed by the administrator.
const personRef = z.string().trim().min(1).max(320);

export const handoverChoices = z.object({
  // takeover null returns a SEV3 or SEV4 incident to its team's queue; major incidents need a person.
  incidents: z.array(z.object({ incidentId: z.string().min(1), takeover: personRef.nullable() })).max(1000).default([]),
  // replacement null leaves an explicit gap marker in the user's shifts.
  schedules: z.array(z.object({ scheduleId: z.string().min(1), replacement: personRef.nullable() })).max(500).default([]),
  teams: z.array(z.object({ teamId: z.string().min(1), newManager: personRef })).max(500).default([]),
  reviewFallback: personRef.nullable().optional(),
  reason: z.string().trim().max(500).optional(),
});
export type HandoverChoices = z.output<typeof handoverChoices>;

export interface Person {
  id: string;
  name: string;
}

export interface HandoverPlan {
  incidents: { incident: OffboardingImpact["incidents"][number]; assigneeId: string | null; commanderId: string | null }[];
  schedules: { schedule: OffboardingImpact["schedules"][number]; replacementId: string | null }[];
  teams: { teamId: string; name: string; newManagerId: string | null }[];
  reviewItems: { id: string; campaignId: string; reviewerId: string }[];
}

/**
 * Turns the administrator's choices into concrete changes and checks that nothing is dropped: every
 * open incident, schedule and last-manager team has a taker, and every open review item a reviewer.
 * `fallback`, given for scheduled offboardings, takes whatever appeared after the plan was made.
 */
export async function planHandover(tx: Db, impact: OffboardingImpact, choices: HandoverChoices, fallback: string | null = null): Promise<HandoverPlan> {
  const errors: FieldErrors = {};
  const offboardedId = impact.user.id;
  const cache = new Map<string, Person | null>();
  const person = async (ref: string, field: string): Promise<Person | null> => {
    const found = await resolvePerson(tx, ref, cache);
    if (!found) errors[field] = [`${ref} is not an active user. Pick an active user.`];
    else if (found.id === offboardedId) errors[field] = ["Pick someone other than the person who is leaving."];
    else return found;
    return null;
  };
  const fallbackPerson = fallback ? await person(fallback, "fallback") : null;

  const incidents: HandoverPlan["incidents"] = [];
  for (const incident of impact.incidents) {
    const field = `incidents.${incident.id}`;
    const choice = choices.incidents.find((c) => c.incidentId === incident.id);
    let takerId: string | null;
    if (choice === undefined && !fallbackPerson) {
      errors[field] = [`Pick who takes incident #${incident.number}.`];
      continue;
    } else if (choice === undefined) {
      takerId = fallbackPerson!.id;
    } else if (choice.takeover === null) {
      if (isMajor(incident.severity)) {
        errors[field] = [`Incident #${incident.number} is ${incident.severity}: pick a named person to take it.`];
        continue;
      }
      takerId = null;
    } else {
      const taker = await person(choice.takeover, field);
      if (!taker) continue;
      takerId = taker.id;
    }
    incidents.push({
      incident,
      assigneeId: incident.asAssignee ? takerId : incident.assigneeId,
      commanderId: incident.asCommander ? takerId : incident.commanderId,
    });
  }

  const schedules: HandoverPlan["schedules"] = [];
  for (const schedule of impact.schedules) {
    const field = `schedules.${schedule.id}`;
    const choice = choices.schedules.find((c) => c.scheduleId === schedule.id);
    if (choice === undefined && !fallback) {
      errors[field] = [`Pick who takes the shifts in ${schedule.name}, or leave a gap.`];
      continue;
    }
    // A scheduled offboarding leaves an explicit gap in a schedule it did not plan for.
    if (!choice || choice.replacement === null) {
      schedules.push({ schedule, replacementId: null });
      continue;
    }
    const replacement = await person(choice.replacement, field);
    if (replacement) schedules.push({ schedule, replacementId: replacement.id });
  }

  const teams: HandoverPlan["teams"] = [];
  for (const team of impact.teams) {
    if (!team.lastManager) {
      teams.push({ teamId: team.id, name: team.name, newManagerId: null });
      continue;
    }
    const field = `teams.${team.id}`;
    const choice = choices.teams.find((c) => c.teamId === team.id);
    if (!choice && !fallbackPerson) {
      errors[field] = [`Pick the new manager of ${team.name}.`];
      continue;
    }
    const manager = choice ? await person(choice.newManager, field) : fallbackPerson;
    if (manager) teams.push({ teamId: team.id, name: team.name, newManagerId: manager.id });
  }

  const reviewItems: HandoverPlan["reviewItems"] = [];
  const chosenFallback = choices.reviewFallback ? await person(choices.reviewFallback, "reviewFallback") : null;
  const campaignFallbacks = new Map<string, Person | null>();
  for (const item of impact.reviewItems) {
    if (item.fallbackReviewerId && !campaignFallbacks.has(item.campaignId)) {
      campaignFallbacks.set(item.campaignId, await resolvePerson(tx, item.fallbackReviewerId, cache));
    }
    // Nobody reviews their own access, and the leaver reviews nothing any more.
    const candidates = [campaignFallbacks.get(item.campaignId) ?? null, chosenFallback, fallbackPerson];
    const reviewer = candidates.find((c) => c && c.id !== offboardedId && c.id !== item.subjectId);
    if (!reviewer) {
      if (!errors.reviewFallback) errors.reviewFallback = [`Pick a fallback reviewer for the open review items in ${item.campaignName}.`];
      continue;
    }
    reviewItems.push({ id: item.id, campaignId: item.campaignId, reviewerId: reviewer.id });
  }

  if (Object.keys(errors).length) throw new ValidationError("Choose who takes over everything listed before offboarding.", errors);
  return { incidents, schedules, teams, reviewItems };
}

/** An active user named by id or email, or null. */
export async function resolvePerson(tx: Db, ref: string, cache = new Map<string, Person | null>()): Promise<Person | null> {
  if (cache.has(ref)) return cache.get(ref)!;
  const email = ref.includes("@") ? normalizeEmail(ref) : null;
  const where = email ? eq(sql`lower(${t.users.email})`, email) : eq(t.users.id, ref);
  const [row] = await tx.select({ id: t.users.id, name: t.users.name, status: t.users.status }).from(t.users).where(where).limit(1);
  const found = row && row.status === "active" ? { id: row.id, name: row.name } : null;
  cache.set(ref, found);
  return found;
}
