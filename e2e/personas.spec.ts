import { expect, test } from "@playwright/test";
import { incidentSecrets, openIncidentNotAssignedTo, userIdByEmail } from "./support/db";
import { DEMO_PASSWORD, persona, PERSONAS, signIn, type PersonaKey } from "./support/personas";

const ALL = ["Dashboard", "Incidents", "Users", "Audit log"];

// What each persona's roles open, as the permission catalog and built-in roles define them.
const EXPECTED: Record<PersonaKey, { nav: string[]; home: string; forbidden: string[] }> = {
  owner: { nav: ALL, home: "/dashboard", forbidden: [] },
  admin: { nav: ALL, home: "/dashboard", forbidden: [] },
  manager: { nav: ["Dashboard", "Incidents", "Users"], home: "/dashboard", forbidden: ["/audit"] },
  responder: { nav: ["Dashboard", "Incidents"], home: "/dashboard", forbidden: ["/users", "/audit"] },
  commander: { nav: ["Dashboard", "Incidents"], home: "/dashboard", forbidden: ["/users", "/audit"] },
  auditor: { nav: ["Users", "Audit log"], home: "/users", forbidden: ["/dashboard", "/incidents"] },
  executive: { nav: ["Dashboard"], home: "/dashboard", forbidden: ["/incidents", "/users", "/audit"] },
  vendor: { nav: ["Incidents"], home: "/incidents", forbidden: ["/dashboard", "/users", "/audit"] },
};

const NAV_PATHS: Record<string, string> = { Dashboard: "/dashboard", Incidents: "/incidents", Users: "/users", "Audit log": "/audit" };

const NO_ACCESS = "You do not have access to this page";

for (const { key } of PERSONAS) {
  test(`${key} sees only its navigation`, async ({ page }) => {
    const expected = EXPECTED[key];
    await signIn(page, persona(key).email, DEMO_PASSWORD);
    await expect(page).toHaveURL(expected.home);

    const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link");
    await expect(nav).toHaveText(expected.nav);

    for (const label of expected.nav) {
      await page.goto(NAV_PATHS[label]);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(label);
    }
    for (const path of expected.forbidden) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(NO_ACCESS);
      await expect(nav).toHaveText(expected.nav);
    }
  });
}

test("executive cannot open an incident", async ({ page }) => {
  const [incident] = await incidentSecrets();
  await signIn(page, persona("executive").email, DEMO_PASSWORD);
  await page.goto(`/incidents/${incident.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NO_ACCESS);
  await expect(page.getByText(incident.title)).toHaveCount(0);
});

test("vendor cannot open an incident assigned to someone else", async ({ page }) => {
  const vendorId = await userIdByEmail(persona("vendor").email);
  const incidentId = await openIncidentNotAssignedTo(vendorId!);
  await signIn(page, persona("vendor").email, DEMO_PASSWORD);
  await page.goto(`/incidents/${incidentId}`);
  // Answered like an id that does not exist, so the vendor learns nothing about other incidents.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
});

test("user controls follow permissions", async ({ browser }) => {
  const responderId = await userIdByEmail(persona("responder").email);

  const owner = await browser.newPage();
  await signIn(owner, persona("owner").email, DEMO_PASSWORD);
  await owner.goto("/users");
  await expect(owner.getByRole("link", { name: "Onboard person" })).toHaveAttribute("href", "/users/new");
  await expect(owner.getByRole("link", { name: "Import roster" })).toHaveAttribute("href", "/users/import");
  await expect(owner.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await owner.goto(`/users/${responderId}`);
  await expect(owner.getByRole("link", { name: "Edit profile" })).toHaveAttribute("href", `/users/${responderId}/edit`);
  await expect(owner.getByRole("link", { name: "Offboard" })).toHaveAttribute("href", `/users/${responderId}/offboard`);
  await expect(owner.getByRole("heading", { name: "Recent audit events" })).toBeVisible();

  const manager = await browser.newPage();
  await signIn(manager, persona("manager").email, DEMO_PASSWORD);
  await manager.goto("/users");
  await expect(manager.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expect(manager.getByRole("link", { name: "Onboard person" })).toHaveCount(0);
  await expect(manager.getByRole("link", { name: "Import roster" })).toHaveCount(0);
  await manager.goto(`/users/${responderId}`);
  await expect(manager.getByRole("link", { name: "Edit profile" })).toHaveCount(0);
  await expect(manager.getByRole("link", { name: "Offboard" })).toHaveCount(0);
  await expect(manager.getByText("Audit events are shown to people who may read the audit log.")).toBeVisible();
});
