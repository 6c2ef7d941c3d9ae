import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { database, db, t, transaction } from "@/db";
import { hashPassword } from "@/lib/services/auth/passwords";
import { signInWithPassword } from "@/lib/services/auth/sign-in";
import { THROTTLE } from "@/lib/services/auth/throttle";
import { makeUser } from "../factory";

const PASSWORD = "correct horse battery staple";
let passwordHash: string;
let ipCounter = 0;

const freshIp = () => `10.2.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const meta = (ip = freshIp()) => ({ ip, userAgent: "vitest throttle", requestId: `req_throttle_${ipCounter}` });

async function counter(key: string) {
  const [row] = await db.select().from(t.authThrottle).where(eq(t.authThrottle.key, key));
  return row;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

describe("per-account throttle", () => {
  it("locks an account after 5 failures", async () => {
    const user = await makeUser({ passwordHash });
    const key = `account:${user.email}`;

    for (let i = 1; i < THROTTLE.accountFailures; i++) {
      expect(await signInWithPassword(user.email, `guess-${i}`, meta())).toBeNull();
    }
    expect((await counter(key)).failures).toBe(THROTTLE.accountFailures - 1);
    expect((await counter(key)).lockedUntil).toBeNull();

    expect(await signInWithPassword(user.email, "guess-last", meta())).toBeNull();

    const locked = await counter(key);
    expect(locked.failures).toBe(THROTTLE.accountFailures);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + (THROTTLE.lockMinutes - 1) * 60_000);
  });

  it("refuses the correct password while locked", async () => {
    const user = await makeUser({ passwordHash });
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(user.email, `guess-${i}`, meta());

    expect(await signInWithPassword(user.email, PASSWORD, meta())).toBeNull();

    const sessions = await db.select().from(t.authSessions).where(eq(t.authSessions.userId, user.id));
    expect(sessions).toHaveLength(0);
  });

  it("locks only that account, not others", async () => {
    const target = await makeUser({ passwordHash });
    const other = await makeUser({ passwordHash });
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(target.email, `guess-${i}`, meta());

    expect(await signInWithPassword(other.email, PASSWORD, meta())).not.toBeNull();
  });

  it("counts case variants of one email together", async () => {
    const user = await makeUser({ email: "Case.Variant@Corp.Example", passwordHash });
    const spellings = ["case.variant@corp.example", "CASE.VARIANT@CORP.EXAMPLE", "Case.Variant@Corp.Example", " case.variant@corp.example", "case.VARIANT@corp.example"];
    for (const spelling of spellings) await signInWithPassword(spelling, "guess", meta());

    expect((await counter("account:case.variant@corp.example")).failures).toBe(spellings.length);
    expect(await signInWithPassword(user.email, PASSWORD, meta())).toBeNull();
  });

  it("allows sign-in again once the lock and window have passed", async () => {
    const user = await makeUser({ passwordHash });
    const key = `account:${user.email}`;
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(user.email, `guess-${i}`, meta());

    // Moves the stored window and lock into the past, as if 20 minutes had gone by.
    const past = new Date(Date.now() - 20 * 60_000);
    await transaction((tx) => tx.update(t.authThrottle).set({ windowStartedAt: past, lockedUntil: past }).where(eq(t.authThrottle.key, key)));

    expect(await signInWithPassword(user.email, PASSWORD, meta())).not.toBeNull();
    expect(await counter(key)).toBeUndefined();
  });

  it("restarts the count when the window has passed", async () => {
    const user = await makeUser({ passwordHash });
    const key = `account:${user.email}`;
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await signInWithPassword(user.email, `guess-${i}`, meta());
    const past = new Date(Date.now() - (THROTTLE.windowMinutes + 1) * 60_000);
    await transaction((tx) => tx.update(t.authThrottle).set({ windowStartedAt: past }).where(eq(t.authThrottle.key, key)));

    await signInWithPassword(user.email, "guess-after-window", meta());

    const row = await counter(key);
    expect(row.failures).toBe(1);
    expect(row.lockedUntil).toBeNull();
    expect(row.windowStartedAt.getTime()).toBeGreaterThan(past.getTime());
  });

  it("does not extend a lock on further failures", async () => {
    const user = await makeUser({ passwordHash });
    const key = `account:${user.email}`;
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(user.email, `guess-${i}`, meta());
    const first = await counter(key);

    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let i = 0; i < 3; i++) await signInWithPassword(user.email, `guess-locked-${i}`, meta());

    const after = await counter(key);
    expect(after.lockedUntil!.getTime()).toBe(first.lockedUntil!.getTime());
    expect(after.failures).toBe(THROTTLE.accountFailures);
    expect(after.windowStartedAt.getTime()).toBe(first.windowStartedAt.getTime());
  });

  it("lets a lock end despite one guess per lock period", async () => {
    const user = await makeUser({ passwordHash });
    const key = `account:${user.email}`;
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(user.email, `guess-${i}`, meta());

    // The lock ended a moment ago, but the window started within the last 15 minutes: one more wrong
    // guess starts a new window of 1 instead of locking again.
    const ended = new Date(Date.now() - 1000);
    await transaction((tx) => tx.update(t.authThrottle).set({ lockedUntil: ended, windowStartedAt: new Date(Date.now() - 60_000) }).where(eq(t.authThrottle.key, key)));
    await signInWithPassword(user.email, "guess-after-lock", meta());

    const row = await counter(key);
    expect(row.failures).toBe(1);
    expect(row.lockedUntil).toBeNull();
    expect(await signInWithPassword(user.email, PASSWORD, meta())).not.toBeNull();
  });

  it("locks again after a full run of new failures", async () => {
    const user = await makeUser({ passwordHash });
    const key = `account:${user.email}`;
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(user.email, `guess-${i}`, meta());
    await transaction((tx) => tx.update(t.authThrottle).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(t.authThrottle.key, key)));

    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await signInWithPassword(user.email, `again-${i}`, meta());
    expect((await counter(key)).lockedUntil).toBeNull();
    await signInWithPassword(user.email, "again-last", meta());

    expect((await counter(key)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("clears the account counter on success", async () => {
    const user = await makeUser({ passwordHash });
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await signInWithPassword(user.email, `guess-${i}`, meta());

    expect(await signInWithPassword(user.email, PASSWORD, meta())).not.toBeNull();

    expect(await counter(`account:${user.email}`)).toBeUndefined();
  });
});

describe("per-IP throttle", () => {
  it("locks an address after 20 failures across accounts", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < THROTTLE.ipFailures - 1; i++) {
      await signInWithPassword(`spray-${i}@corp.example`, "guess", meta(ip));
    }
    expect((await counter(`ip:${ip}`)).lockedUntil).toBeNull();
    await signInWithPassword("spray-last@corp.example", "guess", meta(ip));

    const row = await counter(`ip:${ip}`);
    expect(row.failures).toBe(THROTTLE.ipFailures);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Each sprayed account failed only once, so no account lock explains what follows.
    const accounts = await db.select().from(t.authThrottle).where(inArray(t.authThrottle.key, ["account:spray-0@corp.example"]));
    expect(accounts[0].failures).toBe(1);

    const user = await makeUser({ passwordHash });
    expect(await signInWithPassword(user.email, PASSWORD, meta(ip))).toBeNull();
    expect(await signInWithPassword(user.email, PASSWORD, meta("10.9.9.10"))).not.toBeNull();
  });
});

describe("shared counters", () => {
  it("lock an account for a second app instance", async () => {
    const user = await makeUser({ passwordHash });
    for (let i = 0; i < THROTTLE.accountFailures; i++) await signInWithPassword(user.email, `guess-${i}`, meta());

    // A fresh module registry opens its own connections to the same database, like a second server process.
    vi.resetModules();
    const second = await import("@/lib/services/auth/sign-in");
    const secondDb = await import("@/db");
    try {
      expect(secondDb.database()).not.toBe(database());
      expect(await second.signInWithPassword(user.email, PASSWORD, meta())).toBeNull();
    } finally {
      await secondDb.database().close();
    }
  });
});

describe("timing", () => {
  it("is similar for known and unknown emails", async () => {
    const rounds = 7;
    const known = await Promise.all(Array.from({ length: rounds + 1 }, () => makeUser({ passwordHash })));
    // The first attempts pay one-time costs, such as computing the throwaway hash, so they are not measured.
    await signInWithPassword(known[rounds].email, "guess", meta());
    await signInWithPassword("warm-up@corp.example", "guess", meta());

    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < rounds; i++) {
      knownTimes.push(await timed(() => signInWithPassword(known[i].email, "guess", meta())));
      unknownTimes.push(await timed(() => signInWithPassword(`unknown-${i}@corp.example`, "guess", meta())));
    }

    const ratio = median(knownTimes) / median(unknownTimes);
    const medians = `median known ${median(knownTimes).toFixed(1)} ms, unknown ${median(unknownTimes).toFixed(1)} ms`;
    expect(ratio, medians).toBeGreaterThan(0.5);
    expect(ratio, medians).toBeLessThan(2);
  });
});
