import type Database from "better-sqlite3";
import type { Database_ } from "@/db/connect";

/** One statement as the driver received it: the SQL text and its bound parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Records the statements that drizzle hands to the driver while a function runs, and runs recorded
 * statements again straight on the driver (better-sqlite3 or pg) for the product-to-raw ratio.
 */
export class SqlCapture {
  private recording: Statement[] | null = null;
  private readonly rawPrepare?: (sql: string) => Database.Statement;
  private readonly rawQuery?: (config: { text: string; values: unknown[] }) => Promise<unknown>;

  constructor(private readonly d: Database_) {
    if (d.dialect === "sqlite") {
      const read = d.sqlite!.read;
      this.rawPrepare = read.prepare.bind(read);
      for (const conn of [d.sqlite!.read, d.sqlite!.write]) this.wrapSqlite(conn);
    } else {
      const pool = d.pool!;
      const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
      this.rawQuery = (config) => query(config);
      pool.query = ((config: unknown, values?: unknown) => {
        if (this.recording && config && typeof config === "object" && "text" in config) {
          this.recording.push({ sql: (config as { text: string }).text, params: (values as unknown[]) ?? [] });
        }
        return query(config, values);
      }) as typeof pool.query;
    }
  }

  /** Runs fn once and returns the statements it sent, in order. */
  async record<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
    this.recording = [];
    try {
      const result = await fn();
      return { result, statements: this.recording };
    } finally {
      this.recording = null;
    }
  }

  /**
   * A function that runs the statements directly on the driver, in the same shape as the service: all
   * at once when the service sends them with Promise.all (only Postgres can overlap them), else in order.
   */
  rawRunner(statements: Statement[], parallel: boolean): () => Promise<void> {
    if (this.d.dialect === "sqlite") {
      const prepare = this.rawPrepare!;
      return async () => {
        for (const s of statements) prepare(s.sql).all(...s.params);
      };
    }
    const query = this.rawQuery!;
    return parallel
      ? async () => {
          await Promise.all(statements.map((s) => query({ text: s.sql, values: s.params })));
        }
      : async () => {
          for (const s of statements) await query({ text: s.sql, values: s.params });
        };
  }

  private wrapSqlite(conn: Database.Database) {
    const prepare = conn.prepare.bind(conn);
    const capture = this;
    conn.prepare = ((source: string) => {
      const stmt = prepare(source);
      if (!capture.recording) return stmt;
      const record = (params: unknown[]) => capture.recording?.push({ sql: source, params });
      const proxy: Database.Statement = new Proxy(stmt, {
        get(target, prop, receiver) {
          if (prop === "all" || prop === "get" || prop === "run" || prop === "iterate") {
            return (...params: unknown[]) => {
              record(params);
              return (target[prop] as (...a: unknown[]) => unknown)(...params);
            };
          }
          if (prop === "raw" || prop === "pluck" || prop === "expand" || prop === "safeIntegers") {
            return (...args: unknown[]) => {
              (target[prop] as (...a: unknown[]) => unknown)(...args);
              return proxy;
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      return proxy;
    }) as typeof conn.prepare;
  }
}
