import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = 3100;
const BASE_URL = `http://localhost:${PORT}`;

// Fixed for the suite only: the app under test and the test workers must share it, and no real
// session is ever signed with it.
const AUTH_SECRET = "e2e-only-auth-secret-not-for-production-000";
const DATABASE_URL = `file:${path.resolve("e2e/.data/e2e.db")}`;

// Test workers load this file too, so helpers that read the database through the data layer
// (e2e/support/db.ts) open the same file as the server.
process.env.DATABASE_URL = DATABASE_URL;
process.env.AUTH_SECRET = AUTH_SECRET;
process.env.JOBS_IN_PROCESS = "off";
process.env.LOG_LEVEL ??= "warn";

// E2E_SKIP_BUILD=1 reuses the existing .next build, for quick reruns while writing tests.
const build = process.env.E2E_SKIP_BUILD === "1" ? "" : "npx next build && ";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  // One worker: the server, Chromium and the spec's own database writes already share two cores.
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  },
  webServer: {
    // The suite runs against the production build, on a database created fresh for each run.
    command: `npx tsx e2e/support/prepare-db.ts && ${build}npx next start -p ${PORT}`,
    url: `${BASE_URL}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL,
      AUTH_SECRET,
      JOBS_IN_PROCESS: "off",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
  },
});
