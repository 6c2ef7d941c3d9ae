import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, PERSONAS, type PersonaKey } from "../../lib/demo/personas";

export { DEMO_PASSWORD, PERSONAS, type PersonaKey };

/** The saved sign-in (cookies) of a persona, written by the global setup. */
export function authFile(key: PersonaKey): string {
  return path.resolve("e2e/.auth", `${key}.json`);
}

export function persona(key: PersonaKey) {
  const found = PERSONAS.find((p) => p.key === key);
  if (!found) throw new Error(`Unknown persona ${key}`);
  return found;
}

/** Signs in through the sign-in form and waits until the browser has left the sign-in page. */
export async function signIn(page: Page, email: string, password: string, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** A new browser page signed in as the persona, from its saved cookies. */
export async function pageAs(browser: Browser, key: PersonaKey): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(key) });
  return context.newPage();
}
