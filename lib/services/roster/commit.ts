import { eq, max } from "drizzle-orm";
import { z } from "zod";
import { t, transaction, type Db } from "@/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions/check";
import { recordAudit, type AuditInput } from "@/lib/services/audit/emit";
import { recordAuditMany } from "@/lib/services/audit/bulk";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { endOfDay, insertGrants, needsEndDate, type NewGrant } from "@/lib/services/grants/assign";
import { bulkInsert } from "@/lib/services/users/bulk-insert";
import { capGrants } from "@/lib/services/users/update";
import { loadBatch } from "./batches";
import { parseRoster } from "./parse";
import { planRoster, type RosterPlan, type RowPlan } from "./plan";

export interface ImportProgress {
  phase: "checking" | "teams" | "users" | "grants" | "updates" | "done";
  done: number;
  total: number;
}

// Awaited after each step, so a streaming listener can flush its output while the transaction runs.
export type ProgressListener = (progress: ImportProgress) => void | Promise<void>;

export const commitRosterImportInput = z.object({ id: z.string().min(1), digest: z.string().length(64) });

// Users inserted between two progress reports.
const USERS_PER_PROGRESS = 1000;
// Titles that make a person one of the managers of a team the import creates.
const LEADERSHIP_TITLE = /\b(manager|lead|director|head|vp|vice president|chief)\b/i;

export interface ImportReport {
  counts: RosterPlan["counts"];
  teamsCreated: string[];
  rejected: { rowNumber: number; email: string | null; errors: RowPlan["errors"] }[];
  warnings: { rowNumber: number; email: string | null; warnings: RowPlan["warnings"] }[];
  updated: { rowNumber: number; email: string | null; changes: string[] }[];
  durationMs: number;
}

/**
 * Commits the rows the preview accepted, all or nothing, in one transaction. The stored file is
 * validated again against the directory. When the outcome differs from the preview the administrator
 * saw (its digest), nothing is written and they are asked to review the new preview. Users are inserted
 * in batches, and each new user and grant gets its own audit event, written in bulk, plus one
 * user.import summary event.
 */
export async function commitRosterImport(ctx: ServiceContext, input: z.infer<typeof commitRosterImportInput>, onProgress: ProgressListener = () => {}) {
  authorize(ctx.actor, "user.invite");
  const started = performance.now();
  const now = nowOf(ctx);

  return transaction(async (tx) => {
    const { batch, options } = await loadBatch(tx, ctx, input.id);
    if (batch.status !== "previewed") throw new ConflictError(`This import is already ${batch.status}.`);

    await onProgress({ phase: "checking", done: 0, total: batch.rowCount });
    const plan = await planRoster(tx, ctx, parseRoster(batch.content, options.delimiter), options, now);
    if (plan.missing.length) throw new ValidationError(`Map these columns first: ${plan.missing.join(", ")}.`);
    if (plan.digest !== input.digest) {
      throw new ConflictError("The directory or the import options changed since this preview, so nothing was imported. Review the new preview and commit again.");
    }

    const teamIds = await createTeams(tx, ctx, plan, now, onProgress);
    const created = plan.rows.filter((r) => r.action === "create");
    const emailToId = new Map<string, string>();
    for (const row of plan.rows) if (row.existingId && row.values) emailToId.set(row.values.email, row.existingId);
    for (const row of created) emailToId.set(row.values!.email, crypto.randomUUID());
    const managerOf = (row: RowPlan) => {
      const email = row.values!.managerEmail;
      return email ? emailToId.get(email) ?? plan.directoryManagers.get(email) ?? null : null;
    };

    await insertUsers(tx, ctx, batch.id, created, plan.teamsToCreate, teamIds, emailToId, managerOf, now, onProgress);

    await onProgress({ phase: "grants", done: 0, total: created.length });
    const grants: NewGrant[] = created.flatMap((r) => {
      const v = r.values!;
      return v.roles.map(({ role, teamScoped }) => ({
        userId: emailToId.get(v.email)!,
        role,
        teamId: teamScoped && v.teamName ? teamIds.get(v.teamName.toLowerCase()) ?? null : null,
        expiresAt: v.grantExpiresAt,
        source: "csv" as const,
        reason: `roster import ${batch.fileName}`,
      }));
    });
    await insertGrants(tx, ctx, grants);
    await joinTemplateSchedules(tx, ctx, created, emailToId);
    await onProgress({ phase: "grants", done: created.length, total: created.length });

    await applyUpdates(tx, ctx, plan, teamIds, managerOf, now, onProgress);

    const report: ImportReport = {
      counts: plan.counts,
      teamsCreated: plan.teamsToCreate,
      rejected: plan.rows.filter((r) => r.errors.length).map((r) => ({ rowNumber: r.rowNumber, email: r.email, errors: r.errors })),
      warnings: plan.rows.filter((r) => r.warnings.length).map((r) => ({ rowNumber: r.rowNumber, email: r.email, warnings: r.warnings })),
      updated: plan.rows.filter((r) => r.action === "update").slice(0, 1000).map((r) => ({ rowNumber: r.rowNumber, email: r.email, changes: r.changes })),
      durationMs: Math.round(performance.now() - started),
    };
    await recordAudit(tx, ctx, {
      action: "user.import",
      target: { type: "roster_import", id: batch.id },
      after: { fileName: batch.fileName, rows: plan.counts.rows, created: plan.counts.create, updated: plan.counts.update, unchanged: plan.counts.unchanged, skipped: plan.counts.skip, rejected: plan.counts.reject, teamsCreated: plan.teamsToCreate },
    });
    // The file itself is erased once committed; the report keeps what was done with each row.
    await tx.update(t.rosterImports).set({ status: "committed", committedAt: now, updatedAt: now, content: "", report: JSON.stringify(report) }).where(eq(t.rosterImports.id, batch.id));
    await onProgress({ phase: "done", done: plan.counts.rows, total: plan.counts.rows });
    return report;
  });
}

function slugOf(name: string): string {
  const slug = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug || "team";
}

async function createTeams(tx: Db, ctx: ServiceContext, plan: RosterPlan, now: Date, onProgress: ProgressListener) {
  const teamIds = new Map(plan.teamIds);
  if (!plan.teamsToCreate.length) return teamIds;
  await onProgress({ phase: "teams", done: 0, total: plan.teamsToCreate.length });

  const slugs = new Set((await tx.select({ slug: t.teams.slug }).from(t.teams)).map((r) => r.slug));
  const rows = plan.teamsToCreate.map((name) => {
    let slug = slugOf(name);
    for (let n = 2; slugs.has(slug); n++) slug = `${slugOf(name)}-${n}`;
    slugs.add(slug);
    const id = crypto.randomUUID();
    teamIds.set(name.toLowerCase(), id);
    return { id, name, slug, description: null, createdAt: now };
  });
  await tx.insert(t.teams).values(rows);
  await recordAuditMany(
    tx,
    ctx,
    rows.map((team) => ({ action: "team.create" as const, target: { type: "team", id: team.id }, after: { name: team.name, slug: team.slug, source: "csv" } })),
  );
  return teamIds;
}

async function insertUsers(
  tx: Db,
  ctx: ServiceContext,
  importId: string,
  created: RowPlan[],
  newTeamNames: string[],
  teamIds: Map<string, string>,
  emailToId: Map<string, string>,
  managerOf: (row: RowPlan) => string | null,
  now: Date,
  onProgress: ProgressListener,
) {
  const users = created.map((row) => {
    const v = row.values!;
    return {
      id: emailToId.get(v.email)!,
      email: v.email,
      name: v.name,
      title: v.title,
      teamId: v.teamName ? teamIds.get(v.teamName.toLowerCase()) ?? null : null,
      managerId: managerOf(row),
      employmentType: v.employmentType,
      status: "invited" as const,
      source: "csv" as const,
      employeeId: v.employeeId,
      location: v.location,
      startDate: v.startDate,
      endDate: v.endDate,
      createdAt: now,
      updatedAt: now,
    };
  });

  for (let i = 0; i < users.length; i += USERS_PER_PROGRESS) {
    await bulkInsert(tx, t.users, users.slice(i, i + USERS_PER_PROGRESS));
    await onProgress({ phase: "users", done: Math.min(i + USERS_PER_PROGRESS, users.length), total: users.length });
  }
  await recordAuditMany(
    tx,
    ctx,
    users.map(({ id, createdAt: _c, updatedAt: _u, ...profile }) => ({ action: "user.create" as const, target: { type: "user", id }, after: { ...profile, importId } })),
  );

  // The people with a leadership title become the managers of the teams this import created.
  const newTeams = new Set(newTeamNames.map((name) => teamIds.get(name.toLowerCase())));
  const managers = users.filter((u) => u.teamId && newTeams.has(u.teamId) && u.title && LEADERSHIP_TITLE.test(u.title));
  await bulkInsert(tx, t.teamManagers, managers.map((m) => ({ teamId: m.teamId!, userId: m.id })));
  await recordAuditMany(
    tx,
    ctx,
    [...newTeams].map((teamId) => ({ action: "team.update" as const, target: { type: "team", id: teamId ?? null }, after: { managersAdded: managers.filter((m) => m.teamId === teamId).map((m) => m.id) } })),
  );
}

// New people join their team template's rotations at the end, so nobody else's position changes.
async function joinTemplateSchedules(tx: Db, ctx: ServiceContext, created: RowPlan[], emailToId: Map<string, string>) {
  const joiners = new Map<string, string[]>();
  for (const row of created) {
    for (const scheduleId of row.values!.scheduleIds) joiners.set(scheduleId, [...(joiners.get(scheduleId) ?? []), emailToId.get(row.values!.email)!]);
  }
  const events: AuditInput[] = [];
  for (const [scheduleId, userIds] of joiners) {
    const [last] = await tx.select({ position: max(t.scheduleMembers.position) }).from(t.scheduleMembers).where(eq(t.scheduleMembers.scheduleId, scheduleId));
    const start = Number(last?.position ?? -1) + 1;
    await bulkInsert(tx, t.scheduleMembers, userIds.map((userId, i) => ({ scheduleId, userId, position: start + i })));
    events.push({ action: "schedule.update", target: { type: "schedule", id: scheduleId }, after: { membersAdded: userIds, source: "csv" } });
  }
  await recordAuditMany(tx, ctx, events);
}

async function applyUpdates(
  tx: Db,
  ctx: ServiceContext,
  plan: RosterPlan,
  teamIds: Map<string, string>,
  managerOf: (row: RowPlan) => string | null,
  now: Date,
  onProgress: ProgressListener,
) {
  const updates = plan.rows.filter((r) => r.action === "update");
  const events: AuditInput[] = [];
  let done = 0;
  for (const row of updates) {
    const v = row.values!;
    const current = row.current!;
    const next: Record<string, unknown> = {};
    for (const change of row.changes) {
      if (change === "team") next.teamId = v.teamName ? teamIds.get(v.teamName.toLowerCase()) ?? null : null;
      else if (change === "manager") next.managerId = managerOf(row);
      else next[change] = v[change as keyof typeof v];
    }
    const before = Object.fromEntries(Object.keys(next).map((k) => [k, current[k as keyof typeof current]]));
    await tx.update(t.users).set({ ...next, updatedAt: now, version: current.version + 1 }).where(eq(t.users.id, current.id));
    events.push({ action: "user.update", target: { type: "user", id: current.id }, before, after: { ...next, source: "csv" } });
    if (needsEndDate(v.employmentType) && v.endDate && (row.changes.includes("endDate") || row.changes.includes("employmentType"))) {
      await capGrants(tx, ctx, current.id, endOfDay(v.endDate));
    }
    done += 1;
    if (done % 500 === 0) await onProgress({ phase: "updates", done, total: updates.length });
  }
  await recordAuditMany(tx, ctx, events);
}
