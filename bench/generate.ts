import { performance } from "node:perf_hooks";
import type { Database_ } from "@/db/connect";
import { hashPassword } from "@/lib/services/auth/passwords";

/** Size of the generated organization. The defaults are the sizes the product's speed targets name. */
export interface Scale {
  teams: number;
  users: number;
  grantsPerUser: number;
  incidents: number;
  auditEvents: number;
}

export const FULL_SCALE: Scale = { teams: 200, users: 100_000, grantsPerUser: 3, incidents: 20_000, auditEvents: 1_000_000 };

// Fixed ids and credentials the measurements rely on.
export const BENCH_ADMIN = { id: "usr_000000", email: "bench-admin@corp.example", password: "bench-admin-password" };
// The busiest actor of the audit log after the system: every twentieth event.
export const HEAVY_ACTOR_ID = BENCH_ADMIN.id;
// Any user past the first 300 (the administrators) has only the few events that target them.
export const typicalUserId = (scale: Scale) => userIdOf(Math.floor(scale.users * 0.54321));
export const BENCH_TEAM_ID = "team_0007";

const SEED = 20_260_101;
const DAY = 86_400_000;
// Generated times are relative to the start of the current UTC day, so that figures over "the last 30
// days" or "the next 14 days" find rows. Two runs on the same day produce the same rows.
const EPOCH = Math.floor(Date.now() / DAY) * DAY;

/** mulberry32: a small, fast, seedable generator; the same seed always yields the same organization. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST_NAMES = [
  "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger", "Radia", "John",
  "Hedy", "Tim", "Katherine", "Guido", "Sophie", "Niklaus", "Anita", "Donald", "Mary", "Bjarne", "Shafi", "James",
  "Émile", "Zoë", "Łukasz", "Søren", "José", "Björn", "Chloé", "Jürgen", "Ngozi", "Aiko", "Юлия", "Αλέξανδρος",
  "Mateo", "Priya", "Wei", "Fatima", "Olusegun", "Ines", "Kai", "Noor", "Diego", "Hana", "Rafael", "Amara",
];
const LAST_NAMES = [
  "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra",
  "Perlman", "McCarthy", "Lamarr", "Berners-Lee", "Johnson", "van Rossum", "Wilson", "Wirth", "Borg", "Knuth",
  "Keller", "Stroustrup", "Goldwasser", "Gosling", "Müller", "Øvergaard", "Nowak", "Fernández", "Åström", "O'Brien",
  "Okafor", "Tanaka", "Иванова", "Παπαδόπουλος", "Garcia", "Sharma", "Chen", "Haddad", "Adeyemi", "Dubois",
  "Nakamura", "Rahman", "Silva", "Kowalski", "Andersen", "Rossi", "Kim", "Mensah", "Jackson", "Petrov",
];
const TITLES = ["Site Reliability Engineer", "Support Engineer", "Engineering Manager", "Incident Commander", "Security Analyst", "Platform Engineer", null];
const LOCATIONS = ["Berlin", "Lagos", "Austin", "Tokyo", "São Paulo", "Warsaw", "Toronto", null];
// The role of a user's first grant; the other two add team-scoped responder or commander duty and the dashboard.
const PRIMARY_ROLES: [string, number][] = [["responder", 0.75], ["incident_commander", 0.12], ["manager", 0.08], ["auditor", 0.02], ["executive_viewer", 0.03]];
const AUDIT_ACTIONS = ["user.update", "grant.assign", "grant.revoke", "incident.update", "incident.close", "auth.sign_in", "user.invite", "user.deactivate"];
const INCIDENT_STATUSES = ["triggered", "acknowledged", "investigating", "mitigated", "resolved", "closed"] as const;

const pad = (n: number, width = 6) => String(n).padStart(width, "0");
const userIdOf = (i: number) => `usr_${pad(i)}`;
// 85% employees, 10% contractors, 5% vendors, by position so that users and grants agree.
function employmentOf(i: number): "employee" | "contractor" | "vendor" {
  if (i === 0 || i % 20 < 17) return "employee";
  return i % 20 < 19 ? "contractor" : "vendor";
}
const teamIdOf = (i: number) => `team_${pad(i, 4)}`;

// An ASCII local part for an email, from a name that may use any script.
function asciiSlug(text: string): string {
  const slug = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");
  return slug || "x";
}

type Value = string | number | boolean | Date | null | Record<string, unknown>;
interface TableSpec {
  name: string;
  // Column name and the Postgres array element type used to send a batch through unnest().
  columns: [string, string][];
}

const TEAMS: TableSpec = { name: "teams", columns: [["id", "text"], ["name", "text"], ["slug", "text"], ["description", "text"], ["created_at", "timestamptz"]] };
const USERS: TableSpec = {
  name: "users",
  columns: [
    ["id", "text"], ["email", "text"], ["name", "text"], ["title", "text"], ["team_id", "text"], ["manager_id", "text"],
    ["employment_type", "text"], ["status", "text"], ["source", "text"], ["external_id", "text"], ["employee_id", "text"],
    ["location", "text"], ["start_date", "text"], ["end_date", "text"], ["password_hash", "text"], ["last_active_at", "timestamptz"],
    ["deactivated_at", "timestamptz"], ["purged_at", "timestamptz"], ["version", "int4"], ["created_at", "timestamptz"], ["updated_at", "timestamptz"],
  ],
};
const GRANTS: TableSpec = {
  name: "grants",
  columns: [
    ["id", "text"], ["user_id", "text"], ["role_id", "text"], ["team_id", "text"], ["expires_at", "timestamptz"], ["granted_by", "text"],
    ["granted_at", "timestamptz"], ["reason", "text"], ["source", "text"], ["ended_at", "timestamptz"], ["ended_by", "text"], ["end_reason", "text"],
  ],
};
const INCIDENTS: TableSpec = {
  name: "incidents",
  columns: [
    ["id", "text"], ["number", "int4"], ["title", "text"], ["severity", "text"], ["status", "text"], ["team_id", "text"], ["assignee_id", "text"],
    ["commander_id", "text"], ["summary", "text"], ["customer_impact", "text"], ["internal_notes", "text"], ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"], ["resolved_at", "timestamptz"], ["closed_at", "timestamptz"], ["closed_by", "text"], ["version", "int4"],
  ],
};
const AUDIT: TableSpec = {
  name: "audit_events",
  columns: [
    ["occurred_at", "timestamptz"], ["action", "text"], ["actor_type", "text"], ["actor_id", "text"], ["actor_name", "text"], ["target_type", "text"],
    ["target_id", "text"], ["before", "jsonb"], ["after", "jsonb"], ["ip", "text"], ["user_agent", "text"], ["request_id", "text"],
    ["prev_hash", "text"], ["hash", "text"],
  ],
};

/** Writes rows of one table in large batches: one transaction of prepared inserts on SQLite, unnest() batches on Postgres. */
interface BulkWriter {
  insert(spec: TableSpec, rows: Iterable<Value[]>): Promise<number>;
  finish(): Promise<void>;
}

function sqliteWriter(d: Database_): BulkWriter {
  const conn = d.sqlite!.write;
  const toSqlite = (v: Value) => {
    if (v instanceof Date) return v.getTime();
    if (typeof v === "boolean") return Number(v);
    if (v !== null && typeof v === "object") return JSON.stringify(v);
    return v;
  };
  return {
    async insert(spec, rows) {
      const names = spec.columns.map(([c]) => `"${c}"`).join(", ");
      const stmt = conn.prepare(`insert into "${spec.name}" (${names}) values (${spec.columns.map(() => "?").join(", ")})`);
      let n = 0;
      conn.exec("begin");
      try {
        for (const row of rows) {
          stmt.run(row.map(toSqlite));
          n++;
        }
        conn.exec("commit");
      } catch (error) {
        conn.exec("rollback");
        throw error;
      }
      return n;
    },
    async finish() {
      conn.pragma("wal_checkpoint(TRUNCATE)");
    },
  };
}

function postgresWriter(d: Database_, batchSize = 5_000): BulkWriter {
  const pool = d.pool!;
  const toPg = (v: Value) => {
    if (v instanceof Date) return v.toISOString();
    if (v !== null && typeof v === "object") return JSON.stringify(v);
    return v;
  };
  return {
    async insert(spec, rows) {
      const names = spec.columns.map(([c]) => `"${c}"`).join(", ");
      const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
      const text = `insert into "${spec.name}" (${names}) select * from unnest(${arrays})`;
      let columns: unknown[][] = spec.columns.map(() => []);
      let pending = 0;
      let n = 0;
      const flush = async () => {
        if (!pending) return;
        await pool.query(text, columns);
        n += pending;
        columns = spec.columns.map(() => []);
        pending = 0;
      };
      for (const row of rows) {
        row.forEach((v, i) => columns[i]!.push(toPg(v)));
        if (++pending === batchSize) await flush();
      }
      await flush();
      return n;
    },
    async finish() {
      // Autovacuum would do the same soon after a real bulk load; without it the planner has no statistics
      // and counts cannot use index-only scans.
      await pool.query("vacuum analyze");
    },
  };
}

export interface GenerationReport {
  seconds: number;
  rows: Record<string, number>;
  steps: Record<string, number>;
}

/**
 * Fills an empty, migrated database with a deterministic organization: teams, users with grants,
 * incidents and audit events. Audit rows carry placeholder prevHash and hash values (the chain is not
 * valid), because no measurement verifies it.
 */
export async function generateOrganization(d: Database_, scale: Scale, log: (line: string) => void): Promise<GenerationReport> {
  const started = performance.now();
  const writer = d.dialect === "sqlite" ? sqliteWriter(d) : postgresWriter(d);
  const rows: Record<string, number> = {};
  const steps: Record<string, number> = {};
  const step = async (name: string, spec: TableSpec, source: Iterable<Value[]>) => {
    const t0 = performance.now();
    rows[name] = await writer.insert(spec, source);
    steps[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${rows[name].toLocaleString("en-US")} rows in ${steps[name].toFixed(1)} s`);
  };

  const adminHash = await hashPassword(BENCH_ADMIN.password);
  const names = userNames(scale.users);

  await step("teams", TEAMS, teamRows(scale));
  await step("users", USERS, userRows(scale, names, adminHash));
  await step("grants", GRANTS, grantRows(scale));
  await step("incidents", INCIDENTS, incidentRows(scale));
  await step("audit_events", AUDIT, auditRows(scale, names));

  const t0 = performance.now();
  await writer.finish();
  steps.finish = (performance.now() - t0) / 1000;
  log(`  ${d.dialect === "sqlite" ? "WAL checkpoint" : "vacuum analyze"}: ${steps.finish.toFixed(1)} s`);

  return { seconds: (performance.now() - started) / 1000, rows, steps };
}

function userNames(count: number): string[] {
  const rand = random(SEED);
  const names = [];
  for (let i = 0; i < count; i++) {
    names.push(`${FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)]} ${LAST_NAMES[Math.floor(rand() * LAST_NAMES.length)]}`);
  }
  names[0] = "Bench Admin";
  return names;
}

function* teamRows(scale: Scale): Generator<Value[]> {
  for (let i = 0; i < scale.teams; i++) {
    yield [teamIdOf(i), `Team ${pad(i, 4)}`, `team-${pad(i, 4)}`, null, new Date(EPOCH - 1_000 * DAY)];
  }
}

// 85% active, 5% invited, 4% suspended, 6% deactivated.
function statusOf(r: number): string {
  if (r < 0.85) return "active";
  if (r < 0.9) return "invited";
  return r < 0.94 ? "suspended" : "deactivated";
}

function* userRows(scale: Scale, names: string[], adminHash: string): Generator<Value[]> {
  const rand = random(SEED + 1);
  for (let i = 0; i < scale.users; i++) {
    const name = names[i]!;
    const [first, ...rest] = name.split(" ");
    const email = i === 0 ? BENCH_ADMIN.email : `${asciiSlug(first!)}.${asciiSlug(rest.join(""))}.${i}@corp.example`;
    const r = rand();
    const status = i === 0 ? "active" : statusOf(r);
    const employment = employmentOf(i);
    const created = new Date(EPOCH - Math.floor(rand() * 1_000) * DAY - i);
    const lastActive = status === "invited" ? null : new Date(EPOCH - Math.floor(rand() * 90 * DAY));
    yield [
      userIdOf(i), email, name, TITLES[Math.floor(rand() * TITLES.length)] ?? null, teamIdOf(Math.floor(rand() * scale.teams)),
      i < 2_000 ? null : userIdOf(Math.floor(rand() * 2_000)), employment, status, i % 10 === 0 ? "csv" : "manual",
      null, `E${pad(i)}`, LOCATIONS[Math.floor(rand() * LOCATIONS.length)] ?? null, "2024-01-15", null,
      i === 0 ? adminHash : null, lastActive, status === "deactivated" ? new Date(EPOCH - 10 * DAY) : null, null, 1, created, created,
    ];
  }
}

function pickPrimaryRole(r: number): string {
  let sum = 0;
  for (const [role, share] of PRIMARY_ROLES) {
    sum += share;
    if (r < sum) return role;
  }
  return "responder";
}

function* grantRows(scale: Scale): Generator<Value[]> {
  const rand = random(SEED + 2);
  let n = 0;
  for (let i = 0; i < scale.users; i++) {
    const employment = employmentOf(i);
    for (let k = 0; k < scale.grantsPerUser; k++) {
      const r = rand();
      let role: string;
      let scoped: boolean;
      if (k === 0) {
        role = i === 0 ? "owner" : i < 300 ? "admin" : employment === "vendor" ? "vendor" : pickPrimaryRole(r);
        scoped = false;
      } else {
        role = r < 0.6 ? "responder" : r < 0.75 ? "incident_commander" : "executive_viewer";
        scoped = role !== "executive_viewer";
      }
      // Vendors' and contractors' grants always end; some of everyone's grants have already ended.
      const expiring = employment !== "employee" || rand() < 0.05;
      const ended = i !== 0 && rand() < 0.05;
      const grantedAt = new Date(EPOCH - Math.floor(rand() * 700) * DAY);
      yield [
        `grt_${pad(n++, 7)}`, userIdOf(i), `role_${role}`, scoped ? teamIdOf(Math.floor(rand() * scale.teams)) : null,
        expiring ? new Date(EPOCH + Math.floor(rand() * 90) * DAY) : null, userIdOf(1 + (i % 299)), grantedAt, null, "manual",
        ended ? new Date(EPOCH - 5 * DAY) : null, ended ? userIdOf(1) : null, ended ? "left the rotation" : null,
      ];
    }
  }
}

function* incidentRows(scale: Scale): Generator<Value[]> {
  const rand = random(SEED + 3);
  for (let i = 0; i < scale.incidents; i++) {
    const s = rand();
    const status = s < 0.04 ? INCIDENT_STATUSES[Math.floor(rand() * 4)]! : s < 0.2 ? "resolved" : "closed";
    const severity = `SEV${1 + Math.min(3, Math.floor(rand() * rand() * 5))}`;
    const created = new Date(EPOCH - Math.floor(rand() * 700 * DAY));
    const resolved = status === "resolved" || status === "closed" ? new Date(created.getTime() + Math.floor(rand() * 2 * DAY)) : null;
    const assignee = userIdOf(Math.floor(rand() * scale.users));
    yield [
      `inc_${pad(i)}`, i + 1, `Incident ${i + 1}: elevated error rate`, severity, status, teamIdOf(Math.floor(rand() * scale.teams)),
      assignee, userIdOf(Math.floor(rand() * 2_000)), "Customers saw errors on checkout.", "Card payments failed for some EU customers.",
      "Rolled back the deploy.", created, resolved ?? created, resolved, status === "closed" ? resolved : null, status === "closed" ? assignee : null, 1,
    ];
  }
}

function* auditRows(scale: Scale, names: string[]): Generator<Value[]> {
  const rand = random(SEED + 4);
  const span = 700 * DAY;
  for (let i = 0; i < scale.auditEvents; i++) {
    const a = rand();
    // 5% by the bench admin, 15% by the system, the rest by the 300 administrators.
    const actorIndex = a < 0.05 ? 0 : a < 0.2 ? -1 : 1 + Math.floor(rand() * 299);
    const actorId = actorIndex < 0 ? null : userIdOf(actorIndex);
    const target = rand();
    const [targetType, targetId] =
      target < 0.6 ? ["user", userIdOf(Math.floor(rand() * scale.users))] : target < 0.9 ? ["incident", `inc_${pad(Math.floor(rand() * scale.incidents))}`] : ["grant", `grt_${pad(Math.floor(rand() * scale.users * scale.grantsPerUser), 7)}`];
    const hash = `bench${String(i).padStart(59, "0")}`;
    yield [
      new Date(EPOCH - span + Math.floor((i / scale.auditEvents) * span)), AUDIT_ACTIONS[Math.floor(rand() * AUDIT_ACTIONS.length)]!,
      actorId ? "user" : "system", actorId, actorId ? names[actorIndex]! : "system", targetType, targetId,
      null, { status: "active" }, "10.0.0.1", "Mozilla/5.0", `req_${i}`, i ? `bench${String(i - 1).padStart(59, "0")}` : "genesis", hash,
    ];
  }
}
