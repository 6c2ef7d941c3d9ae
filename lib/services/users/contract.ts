import type { EmploymentType } from "@/db/types";
import { CONTRACT_GRANT_MAX_DAYS, isOwner, needsEndDate } from "@/lib/services/grants/assign";
import type { Actor } from "@/lib/services/context";
import { addDays, isoDay } from "./dates";

/**
 * Checks the end date of a person's access: contractors and vendors need one, no later than 90 days
 * ahead unless an Owner sets it; nobody's end date may lie in the past or before their start date.
 * Returns the message for the endDate field, or null when the date is acceptable.
 */
export function endDateProblem(
  actor: Actor,
  employmentType: EmploymentType,
  endDate: string | null,
  startDate: string | null,
  now: Date,
): string | null {
  if (!endDate) return needsEndDate(employmentType) ? `A ${employmentType} needs an end date.` : null;

  const today = isoDay(now);
  if (endDate < today) return "The end date is in the past.";
  if (startDate && endDate < startDate) return "The end date is before the start date.";
  if (needsEndDate(employmentType) && endDate > addDays(today, CONTRACT_GRANT_MAX_DAYS) && !isOwner(actor)) {
    return `The end date may be at most ${CONTRACT_GRANT_MAX_DAYS} days ahead (${addDays(today, CONTRACT_GRANT_MAX_DAYS)}). Only an Owner can set a later one.`;
  }
  return null;
}
