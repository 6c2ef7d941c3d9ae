import { expect, test } from "@playwright/test";
import { actionIdOf, callAction } from "./support/actions";
import { createIncident, incidentStatus, newestAuditEvent, userIdByEmail } from "./support/db";
import { authFile, pageAs, persona } from "./support/personas";

const ACTIONS_FILE = "app/(console)/incidents/actions.ts";

test.describe.configure({ mode: "serial" });

let sev1: { id: string; title: string };

test.beforeAll(async () => {
  sev1 = await createIncident({ severity: "SEV1" });
});

test("responder sees no close control on a SEV1", async ({ browser }) => {
  const page = await pageAs(browser, "responder");
  await page.goto(`/incidents/${sev1.id}`);

  await expect(page.getByRole("heading", { level: 1 })).toContainText(sev1.title);
  await expect(page.getByRole("button", { name: "Close incident" })).toHaveCount(0);
  await expect(page.getByText("SEV1 is a major incident: only an Incident Commander can close it.")).toBeVisible();
});

test("responder's direct close call is rejected", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: authFile("responder") });
  const closeId = actionIdOf(ACTIONS_FILE, "closeIncidentAction");

  const { status, body } = await callAction(context.request, baseURL!, `/incidents/${sev1.id}`, closeId, [{ id: sev1.id }]);

  expect(status).toBe(200);
  expect(body).toContain('"ok":false');
  expect(body).toContain('"code":"FORBIDDEN"');
  expect((await incidentStatus(sev1.id)).status).toBe("investigating");

  const responderId = await userIdByEmail(persona("responder").email);
  const denied = await newestAuditEvent("access.denied", responderId!);
  expect(denied?.targetId).toBe("incident.close_major");
  await context.close();
});

test("responder updates a SEV1", async ({ browser }) => {
  const page = await pageAs(browser, "responder");
  await page.goto(`/incidents/${sev1.id}`);

  await page.getByLabel("Status").selectOption("mitigated");
  await page.getByLabel("Summary").fill("Rolled back the release; error rate is back to normal.");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  expect((await incidentStatus(sev1.id)).status).toBe("mitigated");
});

test("stale update shows the conflict", async ({ browser }) => {
  const first = await pageAs(browser, "responder");
  const second = await pageAs(browser, "responder");
  await first.goto(`/incidents/${sev1.id}`);
  await second.goto(`/incidents/${sev1.id}`);

  await first.getByLabel("Summary").fill("First edit wins.");
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();

  await second.getByLabel("Summary").fill("Second edit is stale.");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByRole("main").getByRole("alert")).toContainText("This incident changed while you were editing it.");
  await expect(second.getByRole("button", { name: "Reload the latest version" })).toBeVisible();
});

test("executive's direct update call is rejected", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: authFile("executive") });
  const updateId = actionIdOf(ACTIONS_FILE, "updateIncidentAction");
  const before = await incidentStatus(sev1.id);

  const { body } = await callAction(context.request, baseURL!, `/incidents/${sev1.id}`, updateId, [{ id: sev1.id, version: before.version, summary: "Changed by an executive" }]);

  // The executive may not see the incident at all, so the answer must not even confirm it exists.
  expect(body).toContain('"code":"NOT_FOUND"');
  expect((await incidentStatus(sev1.id)).version).toBe(before.version);
  await context.close();
});

test("commander closes the SEV1", async ({ browser }) => {
  const page = await pageAs(browser, "commander");
  await page.goto(`/incidents/${sev1.id}`);

  await page.getByRole("button", { name: "Close incident" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Resolution note").fill("Root cause fixed and verified.");
  await dialog.getByRole("button", { name: "Close incident" }).click();

  await expect(page.getByText("This incident is closed and can no longer be changed.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Close incident" })).toHaveCount(0);
  expect((await incidentStatus(sev1.id)).status).toBe("closed");
});
