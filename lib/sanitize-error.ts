// Drizzle's DrizzleQueryError puts the query's parameters into its message ("Failed query: …\nparams: …"),
// and those parameters can be incident notes, customer impact or personal data. Everything that logs or
// stores an error goes through these helpers, which keep the SQL text but never the parameter values.

const MAX_CAUSE_DEPTH = 3;

// Fields of pg's DatabaseError that name schema objects. `detail` and `where` are left out because
// Postgres puts row values into them ("Key (email)=(…) already exists").
const SCHEMA_FIELDS = ["severity", "routine", "schema", "table", "column", "constraint", "dataType"] as const;

/** Returns the message with Drizzle's parameter list removed. */
export function safeErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\nparams: [\s\S]*$/, "");
}

/**
 * Returns a log-safe copy of an error: type, message without parameters, code, the SQL text, the stack
 * (whose first line repeats the message, so it is rebuilt from the safe message) and the cause.
 */
export function sanitizeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: safeErrorMessage(error) };

  const record = error as Error & Record<string, unknown>;
  const message = safeErrorMessage(error);
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name, message };
  if (typeof record.code === "string" || typeof record.code === "number") out.code = record.code;
  if (typeof record.query === "string") out.sql = record.query;
  for (const field of SCHEMA_FIELDS) if (typeof record[field] === "string") out[field] = record[field];

  if (error.stack) {
    const frames = error.stack.indexOf("\n    at ");
    out.stack = `${error.name}: ${message}${frames >= 0 ? error.stack.slice(frames) : ""}`;
  }
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) out.cause = sanitizeError(error.cause, depth + 1);
  return out;
}
