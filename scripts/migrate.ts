import { migrateDatabase } from "@/db/migrate";
import { database } from "@/db";
import { logger } from "@/lib/logger";

const d = database();
await migrateDatabase(d);
logger.info({ dialect: d.dialect }, "migrations applied");
await d.close();
