import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

export type Dialect = "sqlite" | "postgres";

// Service code is typed against the Postgres schema. The SQLite schema declares the same tables and
// columns with the same TypeScript value types, and a test checks that both schemas match.
export type Tables = typeof pgSchema;
export type Db = NodePgDatabase<Tables>;

export interface Database_ {
  dialect: Dialect;
  url: string;
  db: Db;
  tables: Tables;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  rows<T = Record<string, unknown>>(query: SQL, executor?: Db): Promise<T[]>;
  close(): Promise<void>;
  sqlite?: { read: Database.Database; write: Database.Database };
  pool?: Pool;
}

export function dialectOf(url: string): Dialect {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

export function sqliteFilePath(url: string): string {
  return path.resolve(url.slice("file:".length));
}

export function openDatabase(url: string): Database_ {
  return dialectOf(url) === "sqlite" ? openSqlite(url) : openPostgres(url);
}

function applySqlitePragmas(conn: Database.Database) {
  conn.pragma("journal_mode = WAL");
  conn.pragma("busy_timeout = 5000");
  conn.pragma("foreign_keys = ON");
  conn.pragma("synchronous = NORMAL");
}

// better-sqlite3 runs statements synchronously, and drizzle's better-sqlite3 transactions reject async
// callbacks. So SQLite transactions are driven by hand on a dedicated write connection: BEGIN IMMEDIATE,
// the async callback, then COMMIT or ROLLBACK. A promise queue lets one transaction at a time use that
// connection. Plain reads go to a second, read-only connection, which under WAL never sees uncommitted
// rows and never waits for the writer.
function openSqlite(url: string): Database_ {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const write = new Database(file);
  applySqlitePragmas(write);
  const read = new Database(file, { readonly: true, fileMustExist: true });
  read.pragma("busy_timeout = 5000");
  // 64 MiB of page cache (SQLite's default is 2 MiB): list counts over a 100,000-user table then stay
  // in memory instead of re-reading pages on every request.
  read.pragma("cache_size = -65536");

  const readDb = drizzleSqlite(read, { schema: sqliteSchema }) as unknown as Db;
  const writeDb = drizzleSqlite(write, { schema: sqliteSchema }) as unknown as Db;
  const scope = new AsyncLocalStorage<Db>();
  let queue: Promise<unknown> = Promise.resolve();

  async function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const current = scope.getStore();
    if (current) return fn(current);

    const run = async () => {
      write.exec("BEGIN IMMEDIATE");
      try {
        const result = await scope.run(writeDb, () => fn(writeDb));
        write.exec("COMMIT");
        return result;
      } catch (error) {
        if (write.inTransaction) write.exec("ROLLBACK");
        throw error;
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  }

  async function rows<T>(query: SQL, executor?: Db): Promise<T[]> {
    const target = (executor ?? scope.getStore() ?? readDb) as unknown as { all: (q: SQL) => T[] };
    return target.all(query);
  }

  return {
    dialect: "sqlite",
    url,
    db: readDb,
    tables: sqliteSchema as unknown as Tables,
    transaction,
    rows,
    async close() {
      read.close();
      write.close();
    },
    sqlite: { read, write },
  };
}

function openPostgres(url: string): Database_ {
  const pool = new Pool({ connectionString: url, max: 10 });
  const db = drizzlePg(pool, { schema: pgSchema });
  const scope = new AsyncLocalStorage<Db>();

  async function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const current = scope.getStore();
    if (current) return fn(current);
    return db.transaction((tx) => scope.run(tx as unknown as Db, () => fn(tx as unknown as Db)));
  }

  async function rows<T>(query: SQL, executor?: Db): Promise<T[]> {
    const target = executor ?? scope.getStore() ?? db;
    const result = await target.execute(query);
    return result.rows as T[];
  }

  return { dialect: "postgres", url, db, tables: pgSchema, transaction, rows, close: () => pool.end(), pool };
}

export { sql };
