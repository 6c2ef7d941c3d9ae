import fs from "node:fs";
import path from "node:path";
import { chromium, type FullConfig } from "@playwright/test";
import { authFile, DEMO_PASSWORD, PERSONAS, signIn } from "./support/personas";

// Runs after the web server is up: signs every persona in once through the real sign-in form and
// saves its cookies, so specs start signed in without repeating the sign-in.
export default async function globalSetup(config: FullConfig): Promise<void> {
  const use = config.projects[0].use;
  fs.mkdirSync(path.dirname(authFile("owner")), { recursive: true });

  const browser = await chromium.launch(use.launchOptions);
  try {
    for (const persona of PERSONAS) {
      const context = await browser.newContext({ baseURL: use.baseURL });
      const page = await context.newPage();
      await signIn(page, persona.email, DEMO_PASSWORD);
      await context.storageState({ path: authFile(persona.key) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
