import { parseArgs } from "node:util";
import { database } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { AppError } from "@/lib/errors";
import { systemContext } from "@/lib/services/context";
import { createFirstOwner } from "@/lib/services/setup/first-owner";
import { ZodError } from "zod";

// Bootstraps an empty organization: `npm run owner:create -- --email you@example.com --name "Your Name"`.
const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, url: { type: "string", default: "http://localhost:3000" } } });

const d = database();
await migrateDatabase(d);
try {
  const owner = await createFirstOwner(systemContext("setup"), { email: values.email ?? "", name: values.name ?? "" });
  console.log(`Created the first Owner ${owner.email}.`);
  console.log(`Open this single-use link within 7 days to set a password: ${values.url}${owner.path}`);
} catch (error) {
  if (error instanceof ZodError) {
    for (const issue of error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
    console.error('Usage: npm run owner:create -- --email you@example.com --name "Your Name"');
    process.exitCode = 1;
  } else if (error instanceof AppError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await d.close();
}
