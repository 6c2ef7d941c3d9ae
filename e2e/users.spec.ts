import { expect, test } from "@playwright/test";
import { authFile } from "./support/personas";

test.use({ storageState: authFile("owner") });

test("search by name goes to the URL", async ({ page }) => {
  await page.goto("/users");
  await page.getByLabel("Search").fill("Ryan Responder");
  await expect(page).toHaveURL(/[?&]q=Ryan(\+|%20)Responder/);
  await expect(page.getByRole("link", { name: "Ryan Responder" })).toBeVisible();
  await expect(page.getByText(/^1 person matches/)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("Ryan Responder");
});

test("search by email finds the person", async ({ page }) => {
  await page.goto("/users?q=aiden.auditor%40demo");
  await expect(page.getByRole("link", { name: "Aiden Auditor" })).toBeVisible();
});

test("status filter narrows the list", async ({ page }) => {
  await page.goto("/users");
  await page.getByLabel("Status").selectOption("suspended");
  await expect(page).toHaveURL(/status=suspended/);
  const statuses = page.getByRole("row").locator("td:nth-child(4)");
  await expect(statuses.first()).toHaveText("Suspended");
  for (const text of await statuses.allTextContents()) expect(text).toBe("Suspended");
});

test("role and team filters come from the server", async ({ page }) => {
  await page.goto("/users");
  await page.getByLabel("Role").selectOption({ label: "Auditor" });
  await expect(page).toHaveURL(/role=auditor/);
  await expect(page.getByRole("link", { name: "Aiden Auditor" })).toBeVisible();
  expect(await page.getByLabel("Team").locator("option").count()).toBeGreaterThan(1);
});

test("pagination keeps the sort", async ({ page }) => {
  await page.goto("/users?sort=email&dir=desc");
  await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=email/);
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Email/ })).toHaveAttribute("aria-sort", "descending");
});

test("sorting a column sets aria-sort", async ({ page }) => {
  await page.goto("/users");
  const header = page.getByRole("columnheader", { name: /Email/ });
  await expect(header).toHaveAttribute("aria-sort", "none");

  await header.getByRole("button").click();
  await expect(page).toHaveURL(/sort=email/);
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "none");
});
