import { createHash } from "node:crypto";
import { base, en, Faker } from "@faker-js/faker";

export const DEFAULT_DEMO_SEED = 20_260_101;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Creates a seeded Faker for one part of the generator. Each part draws from its own stream, so a change
 * in how incidents are generated does not shift the names of people. The output is reproducible only with
 * the same @faker-js/faker version, which is why package.json pins it exactly.
 */
export function demoFaker(seed: number, stream: string): Faker {
  const digest = createHash("sha256").update(`${seed}:${stream}`).digest();
  return new Faker({ locale: [en, base], seed: digest.readUInt32BE(0) });
}

/** Derives a UUID-shaped id from the seed, the kind of row and its key, so reruns produce the same ids. */
export function demoId(seed: number, kind: string, key: string | number): string {
  const hex = createHash("sha256").update(`${seed}:${kind}:${key}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** Formats the calendar date as stored in users.startDate and users.endDate: `YYYY-MM-DD` in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Returns a time drawn uniformly between `from` and `to`, rounded to the second. */
export function timeBetween(faker: Faker, from: Date, to: Date): Date {
  const ms = faker.number.int({ min: from.getTime(), max: Math.max(from.getTime(), to.getTime()) });
  return new Date(Math.floor(ms / 1000) * 1000);
}

export function weighted<T>(faker: Faker, options: readonly (readonly [T, number])[]): T {
  return faker.helpers.weightedArrayElement(options.map(([value, weight]) => ({ value, weight })));
}

/** Reduces text to lower-case ASCII letters, for email local parts and domains built from generated names. */
export function slugPart(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
