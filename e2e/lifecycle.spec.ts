import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { asc, eq, max } from "drizzle-orm";
import { db, t, transaction } from "@/db";
import { hashPassword } from "@/lib/services/auth/passwords";
import { authFile } from "./support/personas";

const ROSTER = path.resolve("tests/fixtures/roster-hr-export.csv");
const HOUR = 3_600_000;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`;

test.use({ storageState: authFile("owner") });

/** Returns the counts an import of the fixture gives: 1,498 created and 3 rejected, moving any contract that has ended by now to rejected. */
function expectedRosterCounts() {
  const text = fs.readFileSync(ROSTER, "utf8");
  const today = new Date().toISOString().slice(0, 10);
  const expired = text.split(/\r?\n/).filter((line) => /,(Contractor|Vendor),\d{4}-\d{2}-\d{2},(\d{4}-\d{2}-\d{2}),/.exec(line)?.[2]! < today).length;
  return { created: 1498 - expired, rejected: 3 + expired };
}

/** Creates a responder on call right now in a two-person rotation with an open SEV2, and a colleague who takes over. */
async function arrangeOnCallResponder() {
  const now = new Date();
  const teamId = unique("team-e2e");
  const leaver = { id: unique("leaver"), name: `Lee Leaver ${counter}`, email: `${unique("lee.leaver")}@e2e.warden.example` };
  const taker = { id: unique("taker"), name: `Tara Taker ${counter}`, email: `${unique("tara.taker")}@e2e.warden.example` };
  const colleague = { id: unique("colleague"), name: `Cole Colleague ${counter}`, email: `${unique("cole")}@e2e.warden.example` };
  const scheduleId = unique("schedule-e2e");
  const scheduleName = `E2E primary ${scheduleId}`;
  const incidentId = unique("incident-e2e");
  const passwordHash = await hashPassword("not-used-in-this-spec");

  const ids = await transaction(async (tx) => {
    await tx.insert(t.teams).values({ id: teamId, name: `E2E Rotation Team ${teamId}`, slug: teamId, createdAt: now });
    for (const person of [leaver, taker, colleague]) {
      await tx.insert(t.users).values({ ...person, teamId, employmentType: "employee", status: "active", source: "manual", passwordHash, createdAt: now, updatedAt: now });
      await tx.insert(t.grants).values({ id: unique("grant"), userId: person.id, roleId: "role_responder", grantedAt: now, source: "manual" });
    }
    await tx.insert(t.oncallSchedules).values({ id: scheduleId, teamId, name: scheduleName, shiftHours: 12, createdAt: now });
    await tx.insert(t.scheduleMembers).values([
      { scheduleId, userId: leaver.id, position: 0 },
      { scheduleId, userId: colleague.id, position: 1 },
    ]);
    const current = unique("shift");
    const colleagueShift = unique("shift");
    const nextLeaverShift = unique("shift");
    await tx.insert(t.shifts).values([
      { id: current, scheduleId, userId: leaver.id, startsAt: new Date(now.getTime() - 3 * HOUR), endsAt: new Date(now.getTime() + 9 * HOUR), isGap: false },
      { id: colleagueShift, scheduleId, userId: colleague.id, startsAt: new Date(now.getTime() + 9 * HOUR), endsAt: new Date(now.getTime() + 21 * HOUR), isGap: false },
      { id: nextLeaverShift, scheduleId, userId: leaver.id, startsAt: new Date(now.getTime() + 21 * HOUR), endsAt: new Date(now.getTime() + 33 * HOUR), isGap: false },
    ]);
    const [{ top }] = await tx.select({ top: max(t.incidents.number) }).from(t.incidents);
    const number = (top ?? 0) + 1;
    await tx.insert(t.incidents).values({ id: incidentId, number, title: `E2E SEV2 held by a leaver ${counter}`, severity: "SEV2", status: "investigating", teamId, assigneeId: leaver.id, summary: "Checkout latency", createdAt: now, updatedAt: now });
    return { current, colleagueShift, nextLeaverShift, number };
  });
  return { leaver, taker, colleague, scheduleId, scheduleName, incidentId, ...ids };
}

test("an administrator onboards a person and the invitation activates them", async ({ page, browser }) => {
  const email = `${unique("nina.new")}+oncall@e2e.warden.example`;
  await page.goto("/users/new");
  await page.getByLabel("Full name").fill("Nina Newcomer");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Job title").fill("Support Engineer I");
  await page.getByLabel("Employment type").selectOption("contractor");
  const inSixtyDays = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel(/End date/).fill(inSixtyDays);
  await page.getByRole("button", { name: "Onboard and create invitation" }).click();

  await expect(page.getByRole("heading", { name: "Nina Newcomer is invited" })).toBeVisible();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await stranger.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(email)).toBeVisible();
  await invitee.getByLabel("New password").fill("a long enough passphrase");
  await invitee.getByLabel("Repeat the password").fill("a long enough passphrase");
  await invitee.getByRole("button", { name: "Set password and activate" }).click();
  await expect(invitee.getByText("Your account is active.")).toBeVisible();

  await invitee.goto(link);
  await expect(invitee.getByText("This invitation link was already used.")).toBeVisible();
  await stranger.close();

  const [user] = await db.select({ status: t.users.status, endDate: t.users.endDate }).from(t.users).where(eq(t.users.email, email));
  expect(user).toEqual({ status: "active", endDate: inSixtyDays });
});

test("an administrator imports the HR roster through the preview", async ({ page }) => {
  test.setTimeout(120_000);
  const expected = expectedRosterCounts();
  await page.goto("/users/import");
  await page.getByLabel("Roster file (CSV)").setInputFiles(ROSTER);
  await page.getByRole("button", { name: "Upload and preview" }).click();

  await expect(page.getByRole("heading", { name: "Preview of roster-hr-export.csv" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("count-Rows in the file")).toHaveText("1,501");
  await expect(page.getByTestId("count-New people")).toHaveText(expected.created.toLocaleString("en"));
  await expect(page.getByTestId("count-Rejected")).toHaveText(String(expected.rejected));
  const rejected = page.getByRole("region", { name: /Rejected rows/ });
  await expect(rejected.getByRole("row", { name: /^19 .*The email is missing/ })).toBeVisible();
  await expect(rejected.getByRole("row", { name: /^21 .*not a valid email address/ })).toBeVisible();
  await expect(rejected.getByRole("row", { name: /^1502 .*Duplicate of row 9/ })).toBeVisible();

  await page.getByRole("button", { name: "Commit import" }).click();
  await expect(page.getByRole("heading", { name: "Import of roster-hr-export.csv committed" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("count-New people")).toHaveText(expected.created.toLocaleString("en"));
  await expect(page.getByRole("region", { name: /Warnings/ }).getByText("former.manager@corp.example", { exact: false }).first()).toBeVisible();

  const [plus] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.email, "ethan.martin+oncall@corp.example"));
  expect(plus.status).toBe("invited");
});

test("offboarding a responder on call with an open SEV2 hands both over", async ({ page }) => {
  const w = await arrangeOnCallResponder();
  await page.goto(`/users/${w.leaver.id}/offboard`);
  await expect(page.getByText("Open incidents assigned or commanded: 1")).toBeVisible();
  await expect(page.getByText(/On call now until/)).toBeVisible();

  await page.getByLabel(`Who takes incident #${w.number}`).fill(w.taker.email);
  await page.getByLabel(`Who takes the shifts in ${w.scheduleName}`).fill(w.taker.email);
  await page.getByLabel("Reason (recorded in the audit log)").fill("Left the company");
  await page.getByRole("button", { name: `Offboard ${w.leaver.name} now` }).click();
  await expect(page.getByText(`${w.leaver.name} is offboarded.`)).toBeVisible();

  await page.goto(`/incidents/${w.incidentId}`);
  await expect(page.getByText(w.taker.name).filter({ visible: true }).first()).toBeVisible();

  const [incident] = await db.select({ assigneeId: t.incidents.assigneeId }).from(t.incidents).where(eq(t.incidents.id, w.incidentId));
  expect(incident.assigneeId).toBe(w.taker.id);
  const shifts = await db.select().from(t.shifts).where(eq(t.shifts.scheduleId, w.scheduleId)).orderBy(asc(t.shifts.startsAt));
  const worked = shifts.find((s) => s.id === w.current)!;
  expect(worked.userId).toBe(w.leaver.id);
  const rest = shifts.find((s) => s.id !== w.current && s.startsAt.getTime() === worked.endsAt.getTime())!;
  expect(rest.userId).toBe(w.taker.id);
  expect(shifts.find((s) => s.id === w.nextLeaverShift)!.userId).toBe(w.taker.id);
  expect(shifts.find((s) => s.id === w.colleagueShift)!.userId).toBe(w.colleague.id);
  const [leaver] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, w.leaver.id));
  expect(leaver.status).toBe("deactivated");
});

test.describe("without the permission", () => {
  test.use({ storageState: authFile("responder") });

  test("a responder sees the no-access state on lifecycle pages", async ({ page }) => {
    for (const path of ["/users/new", "/users/import"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
    const response = await page.request.get("/users/export");
    expect(response.status()).toBe(403);
  });
});
