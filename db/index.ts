import { env } from "@/lib/env";
import { openDatabase, type Database_, type Db, type Tables } from "./connect";

export type { Db, Tables } from "./connect";

let instance: Database_ | undefined;

// Opened on first use, so that importing a module never connects (next build imports many of them).
export function database(): Database_ {
  instance ??= openDatabase(env.DATABASE_URL);
  return instance;
}

function lazy<T extends object>(pick: (d: Database_) => T): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      const real = pick(database());
      const value = Reflect.get(real, prop, real);
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
}

/** Read connection. Writes go through `transaction`, which also holds the audit write. */
export const db: Db = lazy((d) => d.db);
export const t: Tables = lazy((d) => d.tables);

export function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  return database().transaction(fn);
}

export function dialect() {
  return database().dialect;
}
