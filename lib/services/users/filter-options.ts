import { asc } from "drizzle-orm";
import { db, t } from "@/db";
import { authorize } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";

/** Teams and roles offered as filters of the user directory. */
export async function listUserFilterOptions(ctx: ServiceContext) {
  authorize(ctx.actor, "user.view");

  const [teams, roles] = await Promise.all([
    db.select({ id: t.teams.id, name: t.teams.name }).from(t.teams).orderBy(asc(t.teams.name)),
    db.select({ key: t.roles.key, name: t.roles.name }).from(t.roles).orderBy(asc(t.roles.name)),
  ]);
  return { teams, roles };
}
