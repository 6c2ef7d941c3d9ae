import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const ts = (name: string) => integer(name, { mode: "timestamp_ms" });

// A lease per job name: an instance runs a job only while it holds an unexpired lease.
export const jobLocks = sqliteTable("job_locks", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  lockedUntil: ts("locked_until").notNull(),
});

export const jobRuns = sqliteTable("job_runs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  holder: text("holder").notNull(),
  startedAt: ts("started_at").notNull(),
  finishedAt: ts("finished_at"),
  status: text("status").$type<"running" | "succeeded" | "failed">().notNull(),
  detail: text("detail"),
}, (t) => [index("job_runs_name_idx").on(t.name, t.startedAt)]);
