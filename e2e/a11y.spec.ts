import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openIncidentIds, userIdByEmail } from "./support/db";
import { pageAs, persona, type PersonaKey } from "./support/personas";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const PAGES: { name: string; as: PersonaKey; path: () => Promise<string> }[] = [
  { name: "users", as: "owner", path: async () => "/users" },
  { name: "user detail", as: "owner", path: async () => `/users/${await userIdByEmail(persona("responder").email)}` },
  { name: "incidents", as: "responder", path: async () => "/incidents" },
  { name: "incident detail", as: "responder", path: async () => `/incidents/${(await openIncidentIds(1))[0]}` },
  { name: "dashboard", as: "executive", path: async () => "/dashboard" },
  { name: "audit log", as: "auditor", path: async () => "/audit" },
  { name: "no-access state", as: "executive", path: async () => "/users" },
];

test("sign-in page has no serious axe violations", async ({ page }) => {
  await page.goto("/sign-in");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Email").fill("nobody@demo.warden.example");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).not.toBeEmpty();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const target of PAGES) {
  test(`${target.name} page has no serious axe violations`, async ({ browser }) => {
    const page = await pageAs(browser, target.as);
    await page.goto(await target.path());
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // On a phone-sized screen wide tables scroll, and a scrolling region must be reachable by keyboard.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("skip link and user menu work from the keyboard", async ({ browser }) => {
  const page = await pageAs(browser, "responder");
  await page.goto("/incidents");

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  const menu = page.getByRole("button", { name: /Ryan Responder/ });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
});

test("close dialog has no serious axe violations", async ({ browser }) => {
  const page = await pageAs(browser, "commander");
  await page.goto(`/incidents/${(await openIncidentIds(1))[0]}`);
  await page.getByRole("button", { name: "Close incident" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
});
