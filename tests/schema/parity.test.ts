import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { is, sql } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { database, t, transaction } from "@/db";
import { openDatabase, type Database_ } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import * as pgSchema from "@/db/schema/pg";
import * as sqliteSchema from "@/db/schema/sqlite";
import { recordAudit } from "@/lib/services/audit/emit";
import { systemContext } from "@/lib/services/context";
import { makeUser } from "../factory";

// The setup file migrated a database of the dialect under test. This file also migrates a throwaway
// database of the other dialect, so every run compares a real SQLite schema with a real Postgres one.

interface IndexShape {
  unique: boolean;
  partial: boolean;
  // Indexed columns or expressions, without quotes or spaces, e.g. "lower(email)" or "status,name,id".
  keys: string;
}

interface TableShape {
  columns: Record<string, { notNull: boolean }>;
  primaryKey: string[];
  indexes: Record<string, IndexShape>;
  uniqueConstraints: string[];
  foreignKeys: string[];
}

type SchemaShape = Record<string, TableShape>;

// Substring search over users differs by design: an FTS5 trigram table (a virtual table with its shadow
// tables) on SQLite, and GIN trigram indexes on Postgres. Those objects are named here and left out of
// the comparison, so any other difference between the two schemas still fails.
const SQLITE_ONLY_VIRTUAL_TABLES = ["users_fts"];
const POSTGRES_ONLY_INDEXES = { users: ["users_email_trgm_idx", "users_name_trgm_idx"] } as Record<string, string[]>;

const normalizeKeys = (keys: string) => keys.replace(/[`"\s]/g, "").toLowerCase();

function introspectSqlite(d: Database_): SchemaShape {
  const conn = d.sqlite!.read;
  const shape: SchemaShape = {};
  // pragma table_list reports FTS5's own tables as "virtual" and "shadow", so type 'table' selects ordinary tables only.
  const tables = conn
    .prepare("select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as { name: string }[];

  for (const { name: table } of tables) {
    const columns = conn.prepare(`pragma table_info(${JSON.stringify(table)})`).all() as { name: string; notnull: number; pk: number }[];
    const indexList = conn.prepare(`pragma index_list(${JSON.stringify(table)})`).all() as { name: string; unique: number; origin: string; partial: number }[];
    const foreignKeys = conn.prepare(`pragma foreign_key_list(${JSON.stringify(table)})`).all() as { table: string; from: string; to: string }[];

    const indexes: Record<string, IndexShape> = {};
    const uniqueConstraints: string[] = [];
    for (const index of indexList) {
      // An index created for a PRIMARY KEY is compared as the primary key below.
      if (index.origin === "pk") continue;
      if (index.origin === "u") {
        const cols = conn.prepare(`pragma index_info(${JSON.stringify(index.name)})`).all() as { name: string }[];
        uniqueConstraints.push(cols.map((c) => c.name).join(","));
        continue;
      }
      const { sql: ddl } = conn.prepare("select sql from sqlite_master where type = 'index' and name = ?").get(index.name) as { sql: string };
      const match = /\bON\s+\S+\s*\(([\s\S]*)\)\s*(WHERE[\s\S]*)?$/i.exec(ddl);
      if (!match) throw new Error(`cannot read the key list of SQLite index ${index.name}: ${ddl}`);
      indexes[index.name] = { unique: index.unique === 1, partial: index.partial === 1, keys: normalizeKeys(match[1]) };
    }

    shape[table] = {
      columns: Object.fromEntries(columns.map((c) => [c.name, { notNull: c.notnull === 1 || c.pk > 0 }])),
      primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      indexes,
      uniqueConstraints: uniqueConstraints.sort(),
      foreignKeys: foreignKeys.map((f) => `${f.from}->${f.table}.${f.to}`).sort(),
    };
  }
  return shape;
}

async function introspectPostgres(d: Database_): Promise<SchemaShape> {
  const pool = d.pool!;
  const shape: SchemaShape = {};

  const { rows: tables } = await pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  for (const { table_name } of tables) {
    shape[table_name] = { columns: {}, primaryKey: [], indexes: {}, uniqueConstraints: [], foreignKeys: [] };
  }

  const { rows: columns } = await pool.query<{ table_name: string; column_name: string; is_nullable: string }>(
    "select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public'",
  );
  for (const c of columns) shape[c.table_name].columns[c.column_name] = { notNull: c.is_nullable === "NO" };

  const { rows: keys } = await pool.query<{ table_name: string; column_name: string; constraint_type: string; constraint_name: string }>(
    `select tc.table_name, kcu.column_name, tc.constraint_type, tc.constraint_name
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu
         on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
      where tc.table_schema = 'public' and tc.constraint_type in ('PRIMARY KEY', 'UNIQUE')
      order by tc.constraint_name, kcu.ordinal_position`,
  );
  const uniqueColumns = new Map<string, { table: string; columns: string[] }>();
  for (const k of keys) {
    if (k.constraint_type === "PRIMARY KEY") shape[k.table_name].primaryKey.push(k.column_name);
    else {
      const entry = uniqueColumns.get(k.constraint_name) ?? { table: k.table_name, columns: [] };
      entry.columns.push(k.column_name);
      uniqueColumns.set(k.constraint_name, entry);
    }
  }
  for (const { table, columns: cols } of uniqueColumns.values()) shape[table].uniqueConstraints.push(cols.join(","));
  for (const table of Object.values(shape)) table.uniqueConstraints.sort();

  // Indexes that back a PRIMARY KEY or UNIQUE constraint carry the constraint's name and are compared above as constraints.
  const { rows: indexes } = await pool.query<{ tablename: string; indexname: string; indexdef: string }>(
    `select tablename, indexname, indexdef from pg_indexes
      where schemaname = 'public'
        and indexname not in (select conname from pg_constraint where contype in ('p', 'u') and connamespace = 'public'::regnamespace)`,
  );
  for (const index of indexes) {
    if (POSTGRES_ONLY_INDEXES[index.tablename]?.includes(index.indexname)) continue;
    const match = /\bUSING\s+\w+\s*\((.*?)\)(\s+WHERE\s+.*)?$/i.exec(index.indexdef);
    if (!match) throw new Error(`cannot read the key list of Postgres index ${index.indexname}: ${index.indexdef}`);
    shape[index.tablename].indexes[index.indexname] = {
      unique: /^CREATE UNIQUE INDEX/i.test(index.indexdef),
      partial: Boolean(match[2]),
      keys: normalizeKeys(match[1]),
    };
  }

  const { rows: foreignKeys } = await pool.query<{ table_name: string; column_name: string; ref_table: string; ref_column: string }>(
    `select c.conrelid::regclass::text as table_name, a.attname as column_name,
            c.confrelid::regclass::text as ref_table, af.attname as ref_column
       from pg_constraint c
       cross join lateral unnest(c.conkey, c.confkey) as k(attnum, refnum)
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
       join pg_attribute af on af.attrelid = c.confrelid and af.attnum = k.refnum
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
  );
  for (const f of foreignKeys) shape[f.table_name].foreignKeys.push(`${f.column_name}->${f.ref_table}.${f.ref_column}`);
  for (const table of Object.values(shape)) table.foreignKeys.sort();

  return shape;
}

let sqliteShape: SchemaShape;
let postgresShape: SchemaShape;
let sqliteVirtualTables: string[];
let postgresOnlyIndexes: string[];
let cleanupOther: () => Promise<void> = async () => {};

/** Creates and migrates a throwaway database of the dialect that the setup file did not create. */
async function openOtherDialect(): Promise<Database_> {
  if (database().dialect === "postgres") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-parity-"));
    const other = openDatabase(`file:${path.join(dir, "parity.db")}`);
    cleanupOther = async () => {
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    return other;
  }

  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `warden_parity_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const other = openDatabase(url.toString());
  cleanupOther = async () => {
    await other.close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    // Waits for the closed pool's sockets to finish closing, as tests/setup/database.ts does, so the
    // forced drop does not kill a backend mid-close.
    for (let attempt = 0; attempt < 100; attempt++) {
      const { rows } = await dropper.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return other;
}

beforeAll(async () => {
  const current = database();
  const other = await openOtherDialect();
  await migrateDatabase(other);
  const [sqliteDb, postgresDb] = current.dialect === "sqlite" ? [current, other] : [other, current];
  sqliteShape = introspectSqlite(sqliteDb);
  postgresShape = await introspectPostgres(postgresDb);

  const virtual = sqliteDb.sqlite!.read.prepare("select name from pragma_table_list where schema = 'main' and type = 'virtual'").all() as { name: string }[];
  sqliteVirtualTables = virtual.map((v) => v.name).sort();
  const { rows } = await postgresDb.pool!.query<{ indexname: string }>(
    "select indexname from pg_indexes where schemaname = 'public' and indexname = any($1)",
    [Object.values(POSTGRES_ONLY_INDEXES).flat()],
  );
  postgresOnlyIndexes = rows.map((r) => r.indexname).sort();
});

afterAll(async () => {
  await cleanupOther();
});

describe("migrated schemas", () => {
  it("have the same tables", () => {
    expect(Object.keys(sqliteShape).sort()).toEqual(Object.keys(postgresShape).sort());
    expect(Object.keys(sqliteShape)).toContain("audit_events");
  });

  it("have the same columns and nullability", () => {
    for (const table of Object.keys(postgresShape)) {
      expect(sqliteShape[table]?.columns, `columns of ${table}`).toEqual(postgresShape[table].columns);
    }
  });

  it("have the same primary keys", () => {
    for (const table of Object.keys(postgresShape)) {
      expect(sqliteShape[table]?.primaryKey, `primary key of ${table}`).toEqual(postgresShape[table].primaryKey);
    }
  });

  it("have the same indexes and uniqueness", () => {
    for (const table of Object.keys(postgresShape)) {
      expect(sqliteShape[table]?.indexes, `indexes of ${table}`).toEqual(postgresShape[table].indexes);
      expect(sqliteShape[table]?.uniqueConstraints, `unique constraints of ${table}`).toEqual(postgresShape[table].uniqueConstraints);
    }
    expect(postgresShape.users.indexes.users_email_lower_uq).toEqual({ unique: true, partial: false, keys: "lower(email)" });
  });

  it("differ only by the named search objects", () => {
    expect(sqliteVirtualTables).toEqual(SQLITE_ONLY_VIRTUAL_TABLES);
    expect(postgresOnlyIndexes).toEqual(Object.values(POSTGRES_ONLY_INDEXES).flat().sort());
  });

  it("have the same foreign keys", () => {
    for (const table of Object.keys(postgresShape)) {
      expect(sqliteShape[table]?.foreignKeys, `foreign keys of ${table}`).toEqual(postgresShape[table].foreignKeys);
    }
  });
});

// The committed migrations must match what drizzle-kit generates from the TypeScript schema. A schema
// edit without a new migration shows up here as a missing table, column or index.
describe("drizzle schema files", () => {
  const pgTables = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable)).map(pgTableConfig);
  const sqliteTables = (Object.values(sqliteSchema) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable)).map(sqliteTableConfig);
  const byName = <T extends { name: string }>(list: T[]) => Object.fromEntries(list.map((x) => [x.name, x]));

  it("declare the same tables, columns and value types", () => {
    const pgByName = byName(pgTables);
    const sqliteByName = byName(sqliteTables);
    expect(Object.keys(sqliteByName).sort()).toEqual(Object.keys(pgByName).sort());

    for (const [name, pgTable] of Object.entries(pgByName)) {
      // hasDefault is not compared on primary keys: drizzle marks every SQLite INTEGER PRIMARY KEY as
      // defaulted, because SQLite fills that rowid alias itself when an insert leaves it out.
      const describeColumns = (cols: { name: string; dataType: string; notNull: boolean; hasDefault: boolean; primary: boolean }[]) =>
        Object.fromEntries(cols.map((c) => [c.name, { dataType: c.dataType, notNull: c.notNull, hasDefault: c.primary ? "n/a" : c.hasDefault }]));
      expect(describeColumns(sqliteByName[name].columns), `columns of ${name}`).toEqual(describeColumns(pgTable.columns));
    }
  });

  it("match the migrated tables, columns and indexes", () => {
    for (const [tables, shape] of [
      [pgTables, postgresShape],
      [sqliteTables, sqliteShape],
    ] as const) {
      const declared = byName(tables as { name: string; columns: { name: string }[]; indexes: { config: { name?: string } }[] }[]);
      expect(Object.keys(shape).sort()).toEqual(Object.keys(declared).sort());
      for (const [name, table] of Object.entries(declared)) {
        expect(Object.keys(shape[name].columns).sort(), `columns of ${name}`).toEqual(table.columns.map((c) => c.name).sort());
        // The search objects live only in hand-written migrations, so the TypeScript schema does not declare them.
        expect(Object.keys(shape[name].indexes).sort(), `indexes of ${name}`).toEqual(table.indexes.map((i) => i.config.name).sort());
      }
    }
  });
});

/** The driver's error code behind drizzle's DrizzleQueryError wrapper: "23505" on Postgres, "SQLITE_CONSTRAINT_UNIQUE" on SQLite. */
function driverErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the statement to fail, but it succeeded");
}

describe("database constraints", () => {
  it("rejects an email that differs only in case", async () => {
    await makeUser({ email: "Dana.Wu@Corp.Example" });

    const error = await captureError(makeUser({ email: "dana.wu@corp.example" }));

    const expected = database().dialect === "postgres" ? "23505" : "SQLITE_CONSTRAINT_UNIQUE";
    expect(driverErrorCode(error)).toBe(expected);
    const rows = await database().rows<{ n: number | string }>(sql`select count(*) as n from users where lower(email) = 'dana.wu@corp.example'`);
    expect(Number(rows[0].n)).toBe(1);
  });

  describe("audit_events", () => {
    beforeAll(async () => {
      await transaction((tx) => recordAudit(tx, systemContext("parity"), { action: "job.run", target: { type: "job", id: "parity" } }));
    });

    it("rejects UPDATE", async () => {
      const error = await captureError(transaction((tx) => tx.update(t.auditEvents).set({ action: "user.purge" })));
      expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
      const rows = await database().rows<{ action: string }>(sql`select action from audit_events`);
      expect(rows.map((r) => r.action)).toEqual(["job.run"]);
    });

    it("rejects DELETE", async () => {
      const error = await captureError(transaction((tx) => tx.delete(t.auditEvents)));
      expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
      const rows = await database().rows<{ n: number | string }>(sql`select count(*) as n from audit_events`);
      expect(Number(rows[0].n)).toBe(1);
    });

    it.runIf(process.env.TEST_DIALECT === "postgres")("rejects TRUNCATE on Postgres", async () => {
      const error = await captureError(database().rows(sql`truncate audit_events`));
      expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/append-only/);
    });
  });
});
