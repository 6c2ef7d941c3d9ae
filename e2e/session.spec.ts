import { expect, test } from "@playwright/test";
import { actionIdOf, callAction } from "./support/actions";
import { createIncident, createUser, markDeactivated } from "./support/db";
import { signIn } from "./support/personas";

const PASSWORD = "E2e-session-password-1!";

test("deactivated user's saved session is rejected", async ({ browser, baseURL }) => {
  const user = await createUser("responder", PASSWORD);
  const incident = await createIncident({ severity: "SEV3" });

  const original = await browser.newContext();
  const page = await original.newPage();
  await signIn(page, user.email, PASSWORD);
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incidents");
  const saved = await original.storageState();
  await original.close();

  await markDeactivated(user.id);

  const replay = await browser.newContext({ storageState: saved });
  const replayed = await replay.newPage();
  await replayed.goto("/incidents");
  await expect(replayed).toHaveURL("/sign-in?callbackUrl=%2Fincidents");

  const response = await replay.request.get("/incidents", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toContain("/sign-in");

  const updateId = actionIdOf("app/(console)/incidents/actions.ts", "updateIncidentAction");
  const call = await callAction(replay.request, baseURL!, `/incidents/${incident.id}`, updateId, [{ id: incident.id, version: 1, summary: "Written with a dead session" }]);
  expect(call.body).toContain('"code":"UNAUTHENTICATED"');
  await replay.close();
});

test("sign out revokes the session on the server", async ({ browser }) => {
  const user = await createUser("responder", PASSWORD);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user.email, PASSWORD);
  const saved = await context.storageState();

  await page.getByRole("button", { name: /E2E responder/ }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=signedOut/);
  await expect(page.getByRole("status")).toHaveText("You are signed out.");

  // The old cookie still carries a valid signature, so only the revoked database session rejects it.
  const replay = await browser.newContext({ storageState: saved });
  const response = await replay.request.get("/incidents", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  await replay.close();
  await context.close();
});

test("sign out everywhere ends every session", async ({ browser }) => {
  const user = await createUser("responder", PASSWORD);
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signIn(laptopPage, user.email, PASSWORD);
  await signIn(phonePage, user.email, PASSWORD);

  await laptopPage.getByRole("button", { name: /E2E responder/ }).click();
  await laptopPage.getByRole("button", { name: /Sign out everywhere/ }).click();
  await expect(laptopPage).toHaveURL(/\/sign-in\?notice=everywhere/);

  await phonePage.goto("/incidents");
  await expect(phonePage).toHaveURL("/sign-in?callbackUrl=%2Fincidents");
  await laptop.close();
  await phone.close();
});
