// Creates the e2e suite's database from scratch: deletes the previous file, applies the migrations and
// seeds the demo organization. Run by the Playwright webServer command before the app starts, with
// DATABASE_URL pointing at a file under e2e/.data/.
import fs from "node:fs";
import { database } from "@/db";
import { sqliteFilePath } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { env } from "@/lib/env";
import { seedDemo } from "@/lib/demo";

if (!env.DATABASE_URL.startsWith("file:") || !env.DATABASE_URL.includes("e2e/.data/")) {
  throw new Error(`Refusing to reset ${env.DATABASE_URL}: the e2e database must be a file under e2e/.data/.`);
}

const file = sqliteFilePath(env.DATABASE_URL);
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });

const d = database();
await migrateDatabase(d);
const result = await seedDemo();
console.log(`e2e database seeded with the demo organization in ${result.elapsedMs} ms`);
await d.close();
