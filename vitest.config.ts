import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  include: ["tests/**/*.test.ts"],
  setupFiles: ["tests/setup/database.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

// Every service test file runs twice: once on a fresh SQLite file and once on a fresh Postgres database.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    pool: "forks",
    maxWorkers: 2,
    projects: [
      { extends: true, test: { ...shared, name: "sqlite", env: { TEST_DIALECT: "sqlite" } } },
      { extends: true, test: { ...shared, name: "postgres", env: { TEST_DIALECT: "postgres" } } },
    ],
  },
});
