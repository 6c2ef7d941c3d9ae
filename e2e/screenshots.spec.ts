import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { openIncidentIds, userIdByEmail } from "./support/db";
import { pageAs, persona, type PersonaKey } from "./support/personas";

// Captures every page as the personas who use it, for review by eye. Skipped unless SCREENSHOTS=1.
test.skip(process.env.SCREENSHOTS !== "1", "set SCREENSHOTS=1 to capture screenshots");

const SHOTS: { as: PersonaKey; name: string; path: () => Promise<string> }[] = [
  { as: "owner", name: "dashboard", path: async () => "/dashboard" },
  { as: "executive", name: "dashboard", path: async () => "/dashboard" },
  { as: "executive", name: "no-access", path: async () => "/incidents" },
  { as: "owner", name: "users", path: async () => "/users" },
  { as: "owner", name: "users-filtered", path: async () => "/users?status=suspended&sort=lastActive&dir=desc" },
  { as: "owner", name: "user", path: async () => `/users/${await userIdByEmail(persona("vendor").email)}` },
  { as: "manager", name: "user", path: async () => `/users/${await userIdByEmail(persona("responder").email)}` },
  { as: "auditor", name: "audit", path: async () => "/audit" },
  { as: "responder", name: "incidents", path: async () => "/incidents?status=triggered,acknowledged,investigating" },
  { as: "responder", name: "incident", path: async () => `/incidents/${(await openIncidentIds(3))[0]}` },
  { as: "commander", name: "incident", path: async () => `/incidents/${(await openIncidentIds(3))[1]}` },
  { as: "manager", name: "incident", path: async () => `/incidents/${(await openIncidentIds(3))[2]}` },
  { as: "vendor", name: "incidents", path: async () => "/incidents" },
  { as: "owner", name: "not-found", path: async () => "/users/no-such-user" },
];

test("capture pages", async ({ browser }) => {
  test.setTimeout(120_000);
  fs.mkdirSync("screenshots", { recursive: true });

  const signIn = await browser.newPage();
  await signIn.goto("/sign-in");
  await signIn.screenshot({ path: "screenshots/sign-in.png" });

  for (const shot of SHOTS) {
    const page = await pageAs(browser, shot.as);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(await shot.path());
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.screenshot({ path: `screenshots/${shot.as}-${shot.name}.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `screenshots/${shot.as}-${shot.name}-narrow.png`, fullPage: true });
    await page.context().close();
  }
});
