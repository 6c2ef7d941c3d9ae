import { eq, sql } from "drizzle-orm";
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { database, db, t } from "@/db";
import { logger } from "@/lib/logger";
import { safeErrorMessage, sanitizeError } from "@/lib/sanitize-error";

const SECRET = "ACME lost 4,000 orders";

// A real query failure from the database under test, with a sensitive value among its parameters.
async function failingQuery(): Promise<unknown> {
  try {
    await db.select({ missing: sql`no_such_column` }).from(t.incidents).where(eq(t.incidents.summary, SECRET));
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

function logLinesOf(write: (logger: pino.Logger) => void): string {
  let text = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  write(pino({ serializers: { err: sanitizeError } }, sink));
  return text;
}

describe("sanitizeError", () => {
  it("drops the parameters of a drizzle query error", () => {
    const cause = Object.assign(new Error("invalid byte sequence for encoding \"UTF8\": 0x00"), { code: "22021", detail: `Key (notes)=(${SECRET})` });
    const error = Object.assign(new Error(`Failed query: select * from incidents where summary = $1\nparams: ${SECRET},5`), {
      query: "select * from incidents where summary = $1",
      params: [SECRET, 5],
      cause,
    });

    const safe = sanitizeError(error);

    expect(JSON.stringify(safe)).not.toContain(SECRET);
    expect(safe).toMatchObject({ message: "Failed query: select * from incidents where summary = $1", sql: "select * from incidents where summary = $1", cause: { code: "22021" } });
    expect(String(safe.stack)).toMatch(/^Error: Failed query: select \* from incidents where summary = \$1\n {4}at /);
  });

  it("cuts the parameters from a stored message", () => {
    expect(safeErrorMessage(new Error(`Failed query: insert into x values ($1)\nparams: ${SECRET}`))).toBe("Failed query: insert into x values ($1)");
    expect(safeErrorMessage("plain")).toBe("plain");
  });

  it("is the app logger's err serializer", () => {
    const serializers = (logger as unknown as Record<symbol, Record<string, unknown>>)[pino.symbols.serializersSym];

    expect(serializers.err).toBe(sanitizeError);
  });

  it("keeps a real query failure's SQL but not its values", async () => {
    const error = await failingQuery();

    const text = logLinesOf((logger) => logger.error({ err: error }, "query failed"));

    // On Postgres drizzle wraps the failure with the parameters in its message; SQLite fails at prepare.
    if (database().dialect === "postgres") expect(String((error as Error).message)).toContain(SECRET);
    expect(text).not.toContain(SECRET);
    expect(text).toContain("no_such_column");
  });
});
