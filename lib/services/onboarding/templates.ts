import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db, t, transaction, type Db } from "@/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { authorize, can } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { assertCanAssignRole, loadRoles } from "@/lib/services/grants/assign";

export interface OnboardingTemplate {
  id: string;
  teamId: string;
  version: number;
  roles: { roleId: string; roleKey: string; roleName: string; teamScoped: boolean }[];
  schedules: { scheduleId: string; name: string }[];
}

/** Every team's template with its roles and schedules; there is at most one template per team. */
export async function loadTemplates(executor: Db = db, teamIds?: string[]): Promise<OnboardingTemplate[]> {
  const templates = await executor
    .select({ id: t.onboardingTemplates.id, teamId: t.onboardingTemplates.teamId, version: t.onboardingTemplates.version })
    .from(t.onboardingTemplates)
    .where(teamIds ? inArray(t.onboardingTemplates.teamId, teamIds) : undefined);
  if (!templates.length) return [];
  const ids = templates.map((tpl) => tpl.id);

  const roles = await executor
    .select({ templateId: t.onboardingTemplateRoles.templateId, roleId: t.roles.id, roleKey: t.roles.key, roleName: t.roles.name, teamScoped: t.onboardingTemplateRoles.teamScoped })
    .from(t.onboardingTemplateRoles)
    .innerJoin(t.roles, eq(t.roles.id, t.onboardingTemplateRoles.roleId))
    .where(inArray(t.onboardingTemplateRoles.templateId, ids));
  const schedules = await executor
    .select({ templateId: t.onboardingTemplateSchedules.templateId, scheduleId: t.oncallSchedules.id, name: t.oncallSchedules.name })
    .from(t.onboardingTemplateSchedules)
    .innerJoin(t.oncallSchedules, eq(t.oncallSchedules.id, t.onboardingTemplateSchedules.scheduleId))
    .where(inArray(t.onboardingTemplateSchedules.templateId, ids));

  return templates.map((tpl) => ({
    ...tpl,
    roles: roles.filter((r) => r.templateId === tpl.id).map(({ templateId: _, ...r }) => r),
    schedules: schedules.filter((s) => s.templateId === tpl.id).map(({ templateId: _, ...s }) => s),
  }));
}

export const saveTemplateInput = z.object({
  teamId: z.string().min(1),
  roles: z.array(z.object({ roleId: z.string().min(1), teamScoped: z.boolean() })).max(20),
  scheduleIds: z.array(z.string().min(1)).max(20),
});

/**
 * Creates or replaces a team's onboarding template. The saver must be able to grant each role and
 * manage each schedule themselves, and onboarding checks the roles again against whoever uses it.
 */
export async function saveTemplate(ctx: ServiceContext, input: z.infer<typeof saveTemplateInput>) {
  authorize(ctx.actor, "user.invite", input.teamId);
  const now = nowOf(ctx);

  return transaction(async (tx) => {
    const [team] = await tx.select({ id: t.teams.id }).from(t.teams).where(eq(t.teams.id, input.teamId)).limit(1);
    if (!team) throw new NotFoundError("Team");

    // A role may be named by id or by key, so each spec is resolved to its role row first. A role named
    // twice is rejected because the template stores one row per role.
    const loaded = await loadRoles(tx, [...new Set(input.roles.map((r) => r.roleId))]);
    const specs = input.roles.map((spec) => ({ spec, role: loaded.find((r) => r.id === spec.roleId || r.key === spec.roleId) }));
    if (specs.some((s) => !s.role)) throw new ValidationError("Pick existing roles.", { roles: ["One of the roles does not exist."] });
    const roleIds = specs.map((s) => s.role!.id);
    if (new Set(roleIds).size !== roleIds.length) throw new ValidationError("Pick each role once.", { roles: ["A role appears twice. Keep one and choose whether it is limited to the team."] });
    for (const { spec, role } of specs) {
      assertCanAssignRole(ctx.actor, { role: role!, teamId: spec.teamScoped ? input.teamId : null, expiresAt: null, target: { id: null, employmentType: "employee" } }, now);
    }

    const scheduleIds = [...new Set(input.scheduleIds)];
    const schedules = scheduleIds.length
      ? await tx.select({ id: t.oncallSchedules.id, teamId: t.oncallSchedules.teamId }).from(t.oncallSchedules).where(inArray(t.oncallSchedules.id, scheduleIds))
      : [];
    if (schedules.length !== scheduleIds.length) throw new ValidationError("Pick existing schedules.", { scheduleIds: ["One of the schedules does not exist."] });
    for (const schedule of schedules) authorize(ctx.actor, "schedule.manage", schedule.teamId);

    const [existing] = await loadTemplates(tx, [input.teamId]);
    const id = existing?.id ?? crypto.randomUUID();
    if (existing) {
      await tx.delete(t.onboardingTemplateRoles).where(eq(t.onboardingTemplateRoles.templateId, id));
      await tx.delete(t.onboardingTemplateSchedules).where(eq(t.onboardingTemplateSchedules.templateId, id));
      await tx.update(t.onboardingTemplates).set({ updatedAt: now, updatedBy: ctx.actor.id, version: existing.version + 1 }).where(eq(t.onboardingTemplates.id, id));
    } else {
      await tx.insert(t.onboardingTemplates).values({ id, teamId: input.teamId, createdAt: now, updatedAt: now, updatedBy: ctx.actor.id });
    }
    if (input.roles.length) {
      await tx.insert(t.onboardingTemplateRoles).values(specs.map(({ spec, role }) => ({ templateId: id, roleId: role!.id, teamScoped: spec.teamScoped })));
    }
    if (scheduleIds.length) await tx.insert(t.onboardingTemplateSchedules).values(scheduleIds.map((scheduleId) => ({ templateId: id, scheduleId })));

    await recordAudit(tx, ctx, {
      action: "onboarding_template.update",
      target: { type: "team", id: input.teamId },
      before: existing ? { roles: existing.roles.map((r) => ({ role: r.roleKey, teamScoped: r.teamScoped })), scheduleIds: existing.schedules.map((s) => s.scheduleId) } : null,
      after: { roles: specs.map(({ spec, role }) => ({ role: role!.key, teamScoped: spec.teamScoped })), scheduleIds },
    });
    return { id };
  });
}

export const deleteTemplateInput = z.object({ teamId: z.string().min(1) });

export async function deleteTemplate(ctx: ServiceContext, input: z.infer<typeof deleteTemplateInput>) {
  authorize(ctx.actor, "user.invite", input.teamId);
  return transaction(async (tx) => {
    const [existing] = await loadTemplates(tx, [input.teamId]);
    if (!existing) throw new NotFoundError("Onboarding template");
    await tx.delete(t.onboardingTemplateRoles).where(eq(t.onboardingTemplateRoles.templateId, existing.id));
    await tx.delete(t.onboardingTemplateSchedules).where(eq(t.onboardingTemplateSchedules.templateId, existing.id));
    await tx.delete(t.onboardingTemplates).where(and(eq(t.onboardingTemplates.id, existing.id)));
    await recordAudit(tx, ctx, {
      action: "onboarding_template.delete",
      target: { type: "team", id: input.teamId },
      before: { roles: existing.roles.map((r) => ({ role: r.roleKey, teamScoped: r.teamScoped })), scheduleIds: existing.schedules.map((s) => s.scheduleId) },
    });
  });
}

/** Whether the actor may open the onboarding pages at all. */
export function canOnboardAnywhere(ctx: ServiceContext): boolean {
  return can(ctx.actor, "user.invite") || (ctx.actor.scoped.get("user.invite")?.size ?? 0) > 0;
}
