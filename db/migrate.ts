import path from "node:path";
import { eq, notInArray, and } from "drizzle-orm";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import type { Database_ } from "./connect";

const MIGRATIONS = path.resolve(process.cwd(), "db/migrations");

/** Applies the committed migrations of the database's dialect, then syncs the built-in roles. */
export async function migrateDatabase(d: Database_): Promise<void> {
  if (d.dialect === "sqlite") {
    const { drizzle } = await import("drizzle-orm/better-sqlite3");
    migrateSqlite(drizzle(d.sqlite!.write), { migrationsFolder: path.join(MIGRATIONS, "sqlite") });
  } else {
    await migratePg(d.db, { migrationsFolder: path.join(MIGRATIONS, "pg") });
  }
  await syncBuiltInRoles(d);
}

// Built-in roles are data in the database (so grants can reference them) whose permissions are owned by code.
async function syncBuiltInRoles(d: Database_): Promise<void> {
  const t = d.tables;
  await d.transaction(async (tx) => {
    for (const role of BUILT_IN_ROLES) {
      const id = `role_${role.key}`;
      await tx
        .insert(t.roles)
        .values({ id, key: role.key, name: role.name, description: role.description, builtIn: true, createdAt: new Date() })
        .onConflictDoUpdate({ target: t.roles.key, set: { name: role.name, description: role.description, builtIn: true } });

      const perms = [...role.permissions];
      await tx.delete(t.rolePermissions).where(and(eq(t.rolePermissions.roleId, id), notInArray(t.rolePermissions.permission, perms)));
      await tx.insert(t.rolePermissions).values(perms.map((permission) => ({ roleId: id, permission }))).onConflictDoNothing();
    }
  });
}
