import { expect, test } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import { db, t, transaction } from "@/db";
import { authFile } from "./support/personas";

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${(counter++).toString(36)}`;

test.use({ storageState: authFile("admin") });

/** Inserts an active employee who holds no role, like a user reactivated after offboarding. */
async function arrangeUserWithoutGrants() {
  const now = new Date();
  const user = { id: unique("grantee"), name: `Gina Grantee ${counter}`, email: `${unique("gina.grantee")}@e2e.warden.example` };
  await transaction((tx) =>
    tx.insert(t.users).values({ ...user, employmentType: "employee", status: "active", source: "manual", createdAt: now, updatedAt: now }),
  );
  return user;
}

async function grantsOf(userId: string) {
  return db.select().from(t.grants).where(eq(t.grants.userId, userId)).orderBy(desc(t.grants.grantedAt));
}

async function auditActions(grantId: string) {
  const rows = await db.select({ action: t.auditEvents.action }).from(t.auditEvents).where(and(eq(t.auditEvents.targetType, "grant"), eq(t.auditEvents.targetId, grantId)));
  return rows.map((row) => row.action).sort();
}

test("admin grants and ends Responder", async ({ page }) => {
  const user = await arrangeUserWithoutGrants();
  await page.goto(`/users/${encodeURIComponent(user.id)}`);
  const panel = page.getByRole("region", { name: "Grants", exact: true });
  const grants = panel.getByRole("region", { name: "Grants table" });
  await expect(panel.getByText("This person holds no roles.")).toBeVisible();

  await panel.getByLabel("Scope").selectOption({ label: "All teams" });
  await panel.getByLabel("Role", { exact: true }).selectOption({ label: "Responder" });
  await panel.getByRole("button", { name: "Grant role" }).click();
  await expect(panel.locator("#grant-reason-error")).toHaveText("Enter a reason.");

  await panel.getByLabel("Reason", { exact: true }).fill("Joins the tier 1 rotation");
  await panel.getByRole("button", { name: "Grant role" }).click();
  await expect(panel.getByRole("status")).toContainText(`Responder granted to ${user.name} for all teams.`);
  const row = grants.getByRole("row", { name: /Responder/ });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Joins the tier 1 rotation");

  const [granted] = await grantsOf(user.id);
  expect(granted).toMatchObject({ roleId: "role_responder", teamId: null, source: "manual", reason: "Joins the tier 1 rotation", endedAt: null });

  await row.getByRole("button", { name: "End Responder grant (all teams)" }).click();
  await panel.getByLabel("Reason for ending this grant").fill("Moved to the platform team");
  await panel.getByRole("button", { name: "End grant" }).click();
  await expect(panel.getByRole("status")).toContainText(`Responder (all teams) ended for ${user.name}.`);
  await expect(row).toContainText("Ended");
  await expect(row.getByRole("button", { name: /End Responder grant/ })).toHaveCount(0);

  const [ended] = await grantsOf(user.id);
  expect(ended.endReason).toBe("Moved to the platform team");
  expect(ended.endedAt).not.toBeNull();
  expect(await auditActions(granted.id)).toEqual(["grant.create", "grant.end"]);
});

test("grant form hidden without grant.assign", async ({ browser }) => {
  const user = await arrangeUserWithoutGrants();
  const context = await browser.newContext({ storageState: authFile("manager") });
  const page = await context.newPage();

  await page.goto(`/users/${encodeURIComponent(user.id)}`);
  await expect(page.getByRole("heading", { name: "Grants" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant role" })).toHaveCount(0);
  await context.close();
});
