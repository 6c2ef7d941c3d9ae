import { getTableColumns, getTableName, sql, type Table } from "drizzle-orm";
import { database, type Db } from "@/db";

// Postgres rows per statement; each column travels as one array parameter, so this only bounds memory.
const PG_ROWS_PER_STATEMENT = 5000;

/**
 * Inserts many rows of one table inside the caller's transaction, much faster than drizzle's multi-row
 * insert, whose query building costs tens of microseconds per row. Every row must have the keys of the
 * first row; columns it leaves out take their database default. Values go through each column's own
 * driver mapping, so dates, booleans and JSON are stored exactly as drizzle would store them.
 * - SQLite: one prepared statement run per row on the write connection, where the transaction runs.
 * - Postgres: `INSERT ... SELECT * FROM unnest($1::type[], ...)`, one array parameter per column.
 */
export async function bulkInsert(tx: Db, table: Table, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const d = database();
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]).filter((key) => key in columns);
  const encode = (key: string, value: unknown) => (value === undefined || value === null ? null : columns[key].mapToDriverValue(value));
  const names = keys.map((key) => `"${columns[key].name}"`).join(", ");

  if (d.dialect === "sqlite") {
    const write = d.sqlite!.write;
    if (!write.inTransaction) throw new Error("bulkInsert must run inside transaction()");
    const statement = write.prepare(`INSERT INTO "${getTableName(table)}" (${names}) VALUES (${keys.map(() => "?").join(", ")})`);
    for (const row of rows) statement.run(...keys.map((key) => encode(key, row[key]) as string | number | null));
    return;
  }

  for (let start = 0; start < rows.length; start += PG_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + PG_ROWS_PER_STATEMENT);
    const arrays = keys.map((key) => sql`${sql.param(chunk.map((row) => encode(key, row[key])))}::${sql.raw(columns[key].getSQLType())}[]`);
    await tx.execute(sql`INSERT INTO ${sql.identifier(getTableName(table))} (${sql.raw(names)}) SELECT * FROM unnest(${sql.join(arrays, sql`, `)})`);
  }
}
