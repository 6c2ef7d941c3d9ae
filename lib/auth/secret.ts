import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dialect, env } from "@/lib/env";

/**
 * The key that signs session cookies. On Postgres every instance must share it, so it must be set in
 * AUTH_SECRET. The embedded SQLite setup creates one on first use and keeps it beside the database.
 */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (dialect === "postgres") throw new Error("AUTH_SECRET is missing: set it (32+ characters) when DATABASE_URL is Postgres.");

  const file = path.resolve("data/auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
