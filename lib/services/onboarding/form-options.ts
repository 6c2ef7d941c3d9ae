import { asc } from "drizzle-orm";
import { db, t } from "@/db";
import { ForbiddenError } from "@/lib/errors";
import { teamsFor } from "@/lib/permissions/check";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { assignableRoles, CONTRACT_GRANT_MAX_DAYS, isOwner, loadAllRoles } from "@/lib/services/grants/assign";
import { addDays, isoDay } from "@/lib/services/users/dates";
import { loadTemplates } from "./templates";

/**
 * Returns what the onboarding form offers the actor: the teams they may onboard into, the roles they
 * may grant, each team's template and schedules, and the latest end date they may set for contractors.
 */
export async function onboardingFormOptions(ctx: ServiceContext) {
  const inviteTeams = teamsFor(ctx.actor, "user.invite");
  if (inviteTeams !== "all" && inviteTeams.length === 0) throw new ForbiddenError("You do not have the user.invite permission for this action.", "user.invite");

  const allTeams = await db.select({ id: t.teams.id, name: t.teams.name }).from(t.teams).orderBy(asc(t.teams.name), asc(t.teams.id));
  const teams = inviteTeams === "all" ? allTeams : allTeams.filter((team) => inviteTeams.includes(team.id));
  const roles = assignableRoles(ctx.actor, await loadAllRoles(db), null).map((r) => ({ id: r.id, key: r.key, name: r.name }));
  const schedules = await db.select({ id: t.oncallSchedules.id, teamId: t.oncallSchedules.teamId, name: t.oncallSchedules.name }).from(t.oncallSchedules).orderBy(asc(t.oncallSchedules.name));
  const templates = await loadTemplates(db, teams.map((team) => team.id));

  return {
    teams,
    roles,
    schedules,
    templates,
    mayOnboardWithoutTeam: inviteTeams === "all",
    isOwner: isOwner(ctx.actor),
    contractEndMax: addDays(isoDay(nowOf(ctx)), CONTRACT_GRANT_MAX_DAYS),
    today: isoDay(nowOf(ctx)),
  };
}
