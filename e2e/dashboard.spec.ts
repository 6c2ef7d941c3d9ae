import { expect, test } from "@playwright/test";
import { incidentSecrets, openIncidentCount } from "./support/db";
import { authFile } from "./support/personas";

test.use({ storageState: authFile("executive") });

test("executive dashboard leaks no incident detail", async ({ page }) => {
  // Every response passes through this route so its body can be read: Chromium does not keep the
  // bodies of streamed RSC fetches, so page.on("response") cannot see them.
  const received: { url: string; type: string; body: string }[] = [];
  await page.route("**/*", async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const body = await response.text();
    received.push({ url: route.request().url(), type: response.headers()["content-type"] ?? "", body });
    await route.fulfill({ response, body });
  });

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await page.reload();
  await page.goto("/");
  await expect(page).toHaveURL("/dashboard");
  // Leaving and coming back by the navigation link fetches the page as an RSC payload, not HTML.
  await page.goto("/incidents");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await page.waitForLoadState("networkidle");

  expect(received.some((r) => r.type.includes("text/x-component"))).toBe(true);

  const secrets = (await incidentSecrets()).flatMap((row) => [row.title, row.customerImpact, row.internalNotes]).filter((value): value is string => Boolean(value));
  expect(secrets.length).toBeGreaterThan(0);

  const leaks: string[] = [];
  for (const response of received) {
    for (const secret of secrets) if (response.body.includes(secret)) leaks.push(`${response.url} contains "${secret}"`);
    const isPage = response.type.includes("text/html") || response.type.includes("text/x-component");
    for (const field of ["customerImpact", "internalNotes", "customer_impact", "internal_notes"]) {
      if (isPage && response.body.includes(field)) leaks.push(`${response.url} contains the field name ${field}`);
    }
  }
  expect(leaks).toEqual([]);
});

test("dashboard shows the open incident count", async ({ page }) => {
  await page.goto("/dashboard");
  const open = await openIncidentCount();
  const card = page.getByRole("region", { name: "Incident totals" }).getByText("Open incidents", { exact: true }).locator("..");
  await expect(card).toContainText(open.toLocaleString("en"));
});
