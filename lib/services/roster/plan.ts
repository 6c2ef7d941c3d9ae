import { createHash } from "node:crypto";
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { t, type Db } from "@/db";
import { OWNER_ROLE_KEY } from "@/lib/permissions/roles";
import { can } from "@/lib/permissions/check";
import type { ServiceContext } from "@/lib/services/context";
import { contractGrantLimit, endOfDay, grantRejection, isOwner, loadAllRoles, needsEndDate, type RoleInfo } from "@/lib/services/grants/assign";
import { loadTemplates } from "@/lib/services/onboarding/templates";
import { leastPrivilegedRoleFor } from "@/lib/services/onboarding/onboard";
import { addDays, isoDay } from "@/lib/services/users/dates";
import { normalizeEmail } from "@/lib/services/users/email";
import { findUsersByEmails } from "@/lib/services/users/lookup";
import { missingFields, normalizeHeader, resolveMapping, toEmploymentType, toIsoDate, type ColumnMapping, type RosterField, type RosterOptions } from "./mapping";
import type { ParsedRoster } from "./parse";

export interface RowIssue {
  column: string;
  message: string;
}

export type RowAction = "create" | "update" | "unchanged" | "skip" | "reject";

export interface RosterRow {
  email: string;
  name: string;
  title: string | null;
  teamName: string | null;
  managerEmail: string | null;
  employmentType: "employee" | "contractor" | "vendor";
  startDate: string | null;
  endDate: string | null;
  location: string | null;
  employeeId: string | null;
  // Roles to grant a new person: the Role column, else the team's template, else the least privileged role.
  roles: { role: RoleInfo; teamScoped: boolean }[];
  scheduleIds: string[];
  grantExpiresAt: Date | null;
}

export interface RowPlan {
  rowNumber: number;
  email: string | null;
  name: string;
  action: RowAction;
  errors: RowIssue[];
  warnings: RowIssue[];
  // For updates: the fields that differ from the directory, and the directory's values.
  changes: string[];
  current: ExistingUser | null;
  existingId: string | null;
  values: RosterRow | null;
}

export interface RosterPlan {
  headers: string[];
  delimiter: string;
  mapping: ColumnMapping;
  missing: string[];
  rows: RowPlan[];
  teamsToCreate: string[];
  teamIds: Map<string, string>;
  directoryManagers: Map<string, string>;
  counts: Record<RowAction, number> & { rows: number; warnings: number };
  digest: string;
}

const LIMITS: Partial<Record<RosterField, number>> = { name: 200, firstName: 100, lastName: 100, title: 200, team: 100, location: 200, employeeId: 100 };
const VALID_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks every row of a parsed roster against the rules and the directory, and decides what the commit
 * would do with it. An invalid row is reported with its row number, column and reason and never
 * blocks a valid one. Manager links are resolved after all rows are read, so a manager may appear
 * later in the file than their reports.
 */
export async function planRoster(executor: Db, ctx: ServiceContext, parsed: ParsedRoster, options: RosterOptions, now: Date): Promise<RosterPlan> {
  const mapping = resolveMapping(parsed.headers, options.mapping);
  const missing = missingFields(mapping);
  const roles = await loadAllRoles(executor);
  const column = (field: RosterField) => (mapping[field] !== undefined ? parsed.headers[mapping[field]!] || `Column ${mapping[field]! + 1}` : field);

  const rows: RowPlan[] = missing.length ? [] : parsed.records.map((record) => checkRow(record.rowNumber, record.cells, mapping, column, options, roles, ctx, now));

  markDuplicates(rows, column("email"));
  const existing = await findUsersByEmails(executor, rows.filter((r) => r.action !== "reject" && r.email).map((r) => r.email!));
  const teams = await loadTeams(executor);
  await applyTemplates(executor, ctx, rows, teams, roles);
  const existingDetails = await loadExisting(executor, [...existing.values()].map((u) => u.id));
  const owners = isOwner(ctx.actor) ? new Set<string>() : await activeOwnerIds(executor, [...existing.values()].map((u) => u.id), now);

  for (const row of rows) {
    const match = row.action === "create" && row.values ? existing.get(row.values.email) : undefined;
    if (!match) continue;
    row.existingId = match.id;
    row.action = "unchanged";
    if (match.status === "deactivated") {
      row.action = "skip";
      row.warnings.push({ column: column("email"), message: "This email belongs to a deactivated user, who is not reactivated by an import. Reactivate them from their profile." });
    }
  }
  checkGrants(rows, teams, ctx, now);

  const fileEmails = new Set(rows.filter((r) => r.action !== "reject" && r.action !== "skip").map((r) => r.values!.email));
  const managerEmails = [...new Set(rows.map((r) => r.values?.managerEmail).filter((e): e is string => !!e && !fileEmails.has(e)))];
  const directoryManagers = new Map<string, string>();
  for (const [email, user] of await findUsersByEmails(executor, managerEmails)) {
    if (user.status !== "purged" && user.status !== "deactivated") directoryManagers.set(email, user.id);
  }

  for (const row of rows) {
    if (row.action === "reject" || row.action === "skip" || !row.values) continue;
    const v = row.values;
    if (v.managerEmail === v.email) {
      row.warnings.push({ column: column("managerEmail"), message: "A person cannot be their own manager; the manager is left empty." });
      v.managerEmail = null;
    } else if (v.managerEmail && !fileEmails.has(v.managerEmail) && !directoryManagers.has(v.managerEmail)) {
      row.warnings.push({ column: column("managerEmail"), message: `Manager ${v.managerEmail} is not in the file or the directory; the user is imported without a manager.` });
      v.managerEmail = null;
    }
    if (row.action !== "unchanged") continue;

    const current = existingDetails.get(row.existingId!)!;
    row.current = current;
    row.changes = changedFields(current, v, mapping, teams, directoryManagers, existing);
    if (!row.changes.length) continue;
    const teamId = v.teamName ? teams.get(v.teamName.toLowerCase()) ?? null : null;
    if (!can(ctx.actor, "user.update", current.teamId) || (row.changes.includes("team") && !can(ctx.actor, "user.update", teamId))) {
      reject(row, column("email"), "This person already exists and you may not change their profile.");
    } else if (owners.has(current.id)) {
      reject(row, column("email"), "This person is an Owner; only an Owner can change their profile.");
    } else {
      row.action = "update";
    }
  }

  const teamsToCreate = [...new Map(rows.filter((r) => (r.action === "create" || r.action === "update") && r.values?.teamName).map((r) => [r.values!.teamName!.toLowerCase(), r.values!.teamName!])).entries()]
    .filter(([key]) => !teams.has(key))
    .map(([, name]) => name);

  const counts = { rows: rows.length, create: 0, update: 0, unchanged: 0, skip: 0, reject: 0, warnings: 0 };
  for (const row of rows) {
    counts[row.action] += 1;
    counts.warnings += row.warnings.length;
  }
  return { headers: parsed.headers, delimiter: parsed.delimiter, mapping, missing, rows, teamsToCreate, teamIds: teams, directoryManagers, counts, digest: digestOf(rows, teamsToCreate) };
}

function reject(row: RowPlan, column: string, message: string) {
  row.action = "reject";
  row.errors.push({ column, message });
}

function checkRow(
  rowNumber: number,
  cells: string[],
  mapping: ColumnMapping,
  column: (field: RosterField) => string,
  options: RosterOptions,
  roles: RoleInfo[],
  ctx: ServiceContext,
  now: Date,
): RowPlan {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const cell = (field: RosterField) => {
    const index = mapping[field];
    if (index === undefined) return "";
    const value = (cells[index] ?? "").normalize("NFC").trim();
    const limit = LIMITS[field];
    if (limit && value.length > limit) errors.push({ column: column(field), message: `Use at most ${limit} characters.` });
    return value;
  };

  const rawEmail = cell("email");
  const email = rawEmail ? normalizeEmail(rawEmail) : null;
  if (!rawEmail) errors.push({ column: column("email"), message: "The email is missing." });
  else if (!email || !VALID_EMAIL.test(email)) errors.push({ column: column("email"), message: `"${rawEmail}" is not a valid email address.` });

  const name = cell("name") || [cell("firstName"), cell("lastName")].filter(Boolean).join(" ");
  if (!name) errors.push({ column: mapping.name !== undefined ? column("name") : column("firstName"), message: "The name is missing." });

  const typeCell = cell("employmentType");
  const employmentType = typeCell ? toEmploymentType(typeCell) : "employee";
  if (!employmentType) errors.push({ column: column("employmentType"), message: `"${typeCell}" is not a worker type. Use Employee, Contractor or Vendor.` });

  const date = (field: "startDate" | "endDate") => {
    const value = cell(field);
    if (!value) return null;
    const iso = toIsoDate(value, options.dateFormat);
    if (!iso) {
      const hint = options.dateFormat === "iso" ? " Pick the file's date format before the preview to import dates written another way." : "";
      errors.push({ column: column(field), message: `"${value}" is not a date in the chosen format.${hint}` });
    }
    return iso;
  };
  const startDate = date("startDate");
  const endDate = date("endDate");
  const type = employmentType ?? "employee";
  const today = isoDay(now);
  if (!endDate && needsEndDate(type) && !errors.some((e) => e.column === column("endDate"))) {
    errors.push({ column: column("endDate"), message: `A ${type} needs an end date.` });
  }
  if (endDate && endDate < today) errors.push({ column: column("endDate"), message: `The end date ${endDate} is in the past.` });
  if (endDate && startDate && endDate < startDate) errors.push({ column: column("endDate"), message: "The end date is before the start date." });

  let grantExpiresAt = endDate ? endOfDay(endDate) : null;
  if (grantExpiresAt && needsEndDate(type) && !isOwner(ctx.actor) && grantExpiresAt > contractGrantLimit(endOfDay(now))) {
    const limit = addDays(today, 90);
    grantExpiresAt = endOfDay(limit);
    warnings.push({ column: column("endDate"), message: `Access ends on ${limit}, 90 days ahead, because only an Owner can grant a ${type} access until ${endDate}.` });
  }

  let role: RoleInfo | null = null;
  const roleCell = cell("role");
  if (roleCell) {
    role = findRole(roles, roleCell);
    if (!role) errors.push({ column: column("role"), message: `"${roleCell}" is not a role. Use one of: ${roles.map((r) => r.name).join(", ")}.` });
  }

  const teamName = cell("team") || null;
  const managerCell = cell("managerEmail");
  const managerEmail = managerCell ? normalizeEmail(managerCell) : null;
  if (managerCell && !managerEmail) warnings.push({ column: column("managerEmail"), message: `"${managerCell}" is not a valid email address; the manager is left empty.` });

  const values: RosterRow | null = errors.length
    ? null
    : {
        email: email!,
        name,
        title: cell("title") || null,
        teamName,
        managerEmail,
        employmentType: type,
        startDate,
        endDate,
        location: cell("location") || null,
        employeeId: cell("employeeId") || null,
        roles: role ? [{ role, teamScoped: false }] : [],
        scheduleIds: [],
        grantExpiresAt,
      };
  return { rowNumber, email, name, action: errors.length ? "reject" : "create", errors, warnings, changes: [], current: null, existingId: null, values };
}

const ROLE_ALIASES: Record<string, string> = { viewer: "executive_viewer", commander: "incident_commander", ic: "incident_commander", "tier 1": "responder" };

function findRole(roles: RoleInfo[], value: string): RoleInfo | null {
  const requested = normalizeHeader(value);
  const key = ROLE_ALIASES[requested] ?? requested.replace(/ /g, "_");
  return roles.find((r) => r.key === key || normalizeHeader(r.name) === requested) ?? null;
}

// Emails that differ only by letter case or surrounding spaces are the same person: the first row wins.
function markDuplicates(rows: RowPlan[], emailColumn: string) {
  const first = new Map<string, number>();
  for (const row of rows) {
    if (!row.email || row.action === "reject") continue;
    const earlier = first.get(row.email);
    if (earlier !== undefined) reject(row, emailColumn, `Duplicate of row ${earlier}: the emails differ only by letter case or spaces.`);
    else first.set(row.email, row.rowNumber);
  }
}

async function loadTeams(executor: Db) {
  const rows = await executor.select({ id: t.teams.id, name: t.teams.name }).from(t.teams);
  return new Map(rows.map((r) => [r.name.normalize("NFC").toLowerCase(), r.id]));
}

// New people join their team's template schedules; without a Role cell they also get its roles, or
// else the least privileged role.
async function applyTemplates(executor: Db, ctx: ServiceContext, rows: RowPlan[], teams: Map<string, string>, roles: RoleInfo[]) {
  const templates = await loadTemplates(executor);
  for (const row of rows) {
    const v = row.values;
    if (!v) continue;
    const teamId = v.teamName ? teams.get(v.teamName.toLowerCase()) : undefined;
    const template = teamId ? templates.find((tpl) => tpl.teamId === teamId) : undefined;
    v.scheduleIds = template && can(ctx.actor, "schedule.manage", template.teamId) ? template.schedules.map((s) => s.scheduleId) : [];
    if (v.roles.length) continue;
    if (template?.roles.length) {
      v.roles = template.roles.flatMap((tr) => {
        const role = roles.find((r) => r.id === tr.roleId);
        return role ? [{ role, teamScoped: tr.teamScoped }] : [];
      });
    } else {
      const fallback = roles.find((r) => r.key === leastPrivilegedRoleFor(v.employmentType));
      v.roles = fallback ? [{ role: fallback, teamScoped: false }] : [];
    }
  }
}

// Rejects new rows whose role the actor may not grant, with the reason the grant rule gives.
function checkGrants(rows: RowPlan[], teams: Map<string, string>, ctx: ServiceContext, now: Date) {
  for (const row of rows) {
    if (row.action !== "create" || !row.values) continue;
    const v = row.values;
    for (const { role, teamScoped } of v.roles) {
      const teamId = teamScoped && v.teamName ? teams.get(v.teamName.toLowerCase()) ?? null : null;
      const rejection = grantRejection(ctx.actor, { role, teamId, expiresAt: v.grantExpiresAt, target: { id: null, employmentType: v.employmentType } }, now);
      if (rejection) {
        reject(row, "Role", rejection.message);
        break;
      }
    }
  }
}

export interface ExistingUser {
  id: string;
  name: string;
  title: string | null;
  teamId: string | null;
  managerId: string | null;
  employmentType: string;
  startDate: string | null;
  endDate: string | null;
  location: string | null;
  employeeId: string | null;
  version: number;
}

async function loadExisting(executor: Db, ids: string[]) {
  const out = new Map<string, ExistingUser>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await executor
      .select({ id: t.users.id, name: t.users.name, title: t.users.title, teamId: t.users.teamId, managerId: t.users.managerId, employmentType: t.users.employmentType, startDate: t.users.startDate, endDate: t.users.endDate, location: t.users.location, employeeId: t.users.employeeId, version: t.users.version })
      .from(t.users)
      .where(inArray(t.users.id, ids.slice(i, i + 500)));
    for (const row of rows) out.set(row.id, row);
  }
  return out;
}

async function activeOwnerIds(executor: Db, ids: string[], now: Date) {
  const owners = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await executor
      .select({ userId: t.grants.userId })
      .from(t.grants)
      .innerJoin(t.roles, eq(t.roles.id, t.grants.roleId))
      .where(and(inArray(t.grants.userId, ids.slice(i, i + 500)), eq(t.roles.key, OWNER_ROLE_KEY), isNull(t.grants.teamId), isNull(t.grants.endedAt), or(isNull(t.grants.expiresAt), gt(t.grants.expiresAt, now))));
    for (const row of rows) owners.add(row.userId);
  }
  return owners;
}

// Only mapped columns count: a roster without a Location column leaves every location as it is.
function changedFields(current: ExistingUser, v: RosterRow, mapping: ColumnMapping, teams: Map<string, string>, directoryManagers: Map<string, string>, existing: Map<string, { id: string }>): string[] {
  const changes: string[] = [];
  const differs = (field: RosterField, a: unknown, b: unknown) => mapping[field] !== undefined && (a ?? null) !== (b ?? null);
  if ((mapping.name !== undefined || mapping.firstName !== undefined || mapping.lastName !== undefined) && current.name !== v.name) changes.push("name");
  if (differs("title", current.title, v.title)) changes.push("title");
  if (differs("location", current.location, v.location)) changes.push("location");
  if (differs("employeeId", current.employeeId, v.employeeId)) changes.push("employeeId");
  if (differs("employmentType", current.employmentType, v.employmentType)) changes.push("employmentType");
  if (differs("startDate", current.startDate, v.startDate)) changes.push("startDate");
  if (differs("endDate", current.endDate, v.endDate)) changes.push("endDate");
  if (mapping.team !== undefined) {
    const teamId = v.teamName ? teams.get(v.teamName.toLowerCase()) ?? `new:${v.teamName.toLowerCase()}` : null;
    if (teamId !== current.teamId) changes.push("team");
  }
  if (mapping.managerEmail !== undefined) {
    const managerId = v.managerEmail ? existing.get(v.managerEmail)?.id ?? directoryManagers.get(v.managerEmail) ?? `new:${v.managerEmail}` : null;
    if (managerId !== current.managerId) changes.push("manager");
  }
  return changes;
}

// Pins what the preview promised: the action of each row and the teams to create, not random ids.
function digestOf(rows: RowPlan[], teamsToCreate: string[]): string {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(`${row.rowNumber}\u0000${row.action}\u0000${row.email ?? ""}\u0000${row.changes.join(",")}\n`);
  hash.update(teamsToCreate.join("\u0000"));
  return hash.digest("hex");
}

