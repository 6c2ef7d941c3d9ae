import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, t, transaction, type Db } from "@/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions/check";
import { recordAudit } from "@/lib/services/audit/emit";
import { nowOf, type ServiceContext } from "@/lib/services/context";
import { rosterOptions, type RosterOptions } from "./mapping";
import { decodeUpload, parseRoster } from "./parse";
import { planRoster, type RosterPlan } from "./plan";
import { isValidText, stripInvalidTextOf } from "@/lib/validation/text";

// About 40,000 rows of a typical HR export; larger rosters are split, or provisioned over SCIM.
export const MAX_ROSTER_BYTES = 8 * 1024 * 1024;

export const createRosterImportInput = z.object({
  // The name is only a label, so characters the database cannot store are dropped rather than rejected.
  fileName: z.preprocess(stripInvalidTextOf, z.string().trim().min(1).max(255)),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, "Upload a file."),
  options: rosterOptions.partial().optional(),
});

/**
 * Stores an uploaded roster and its options as an import batch. The batch lives in the database, so
 * the preview and the commit may be served by different app instances and still see the same file.
 */
export async function createRosterImport(ctx: ServiceContext, input: z.input<typeof createRosterImportInput>) {
  authorize(ctx.actor, "user.invite");
  const { fileName, bytes, options } = createRosterImportInput.parse(input);
  if (bytes.byteLength === 0) throw new ValidationError("The file is empty. Upload a CSV file with a header row and one row per person.");
  if (bytes.byteLength > MAX_ROSTER_BYTES) throw new ValidationError(`The file is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB. Split it into smaller files.`);

  const { text, warning } = decodeUpload(bytes);
  if (text.includes("\u0000")) {
    throw new ValidationError("The file contains NUL bytes, so it is not a CSV text file. Export the roster as CSV again and upload that file.", {
      file: ["The file contains NUL bytes. Upload a CSV text file."],
    });
  }
  const parsedOptions = rosterOptions.parse(options ?? {});
  const parsed = parseRoster(text, parsedOptions.delimiter);
  const now = nowOf(ctx);
  const id = crypto.randomUUID();

  await transaction((tx) =>
    tx.insert(t.rosterImports).values({
      id,
      createdBy: ctx.actor.id ?? ctx.actor.name,
      createdAt: now,
      updatedAt: now,
      fileName,
      content: text,
      options: JSON.stringify({ ...parsedOptions, encodingWarning: warning }),
      status: "previewed",
      rowCount: parsed.records.length,
    }),
  );
  return { id };
}

export interface StoredOptions extends RosterOptions {
  encodingWarning?: string | null;
}

export async function loadBatch(executor: Db, ctx: ServiceContext, id: string) {
  authorize(ctx.actor, "user.invite");
  if (!isValidText(id)) throw new NotFoundError("Import");
  const [batch] = await executor.select().from(t.rosterImports).where(eq(t.rosterImports.id, id)).limit(1);
  if (!batch) throw new NotFoundError("Import");
  // An administrator can open only the imports they uploaded, because a roster contains personal data.
  if (batch.createdBy !== (ctx.actor.id ?? ctx.actor.name)) throw new NotFoundError("Import");
  const options = JSON.parse(batch.options) as StoredOptions;
  return { batch, options };
}

export interface RosterPreview {
  id: string;
  fileName: string;
  status: string;
  options: StoredOptions;
  plan: RosterPlan;
  report: unknown;
}

/** Validates the stored file against the directory as it is now, without writing anything. */
export async function previewRosterImport(ctx: ServiceContext, id: string): Promise<RosterPreview> {
  const { batch, options } = await loadBatch(db, ctx, id);
  if (batch.status !== "previewed") throw new ConflictError(`This import is already ${batch.status}.`);
  const plan = await planRoster(db, ctx, parseRoster(batch.content, options.delimiter), options, nowOf(ctx));
  return { id: batch.id, fileName: batch.fileName, status: batch.status, options, plan, report: null };
}

/**
 * Returns an import for its page: the preview while it is not committed, and afterwards the stored
 * report, because a committed or discarded import keeps no copy of the file.
 */
export async function getRosterImport(ctx: ServiceContext, id: string): Promise<Omit<RosterPreview, "plan"> & { plan: RosterPlan | null }> {
  const { batch, options } = await loadBatch(db, ctx, id);
  if (batch.status === "previewed") return previewRosterImport(ctx, id);
  return { id: batch.id, fileName: batch.fileName, status: batch.status, options, plan: null, report: batch.report ? JSON.parse(batch.report) : null };
}

export const updateRosterOptionsInput = z.object({ id: z.string().min(1), options: rosterOptions });

/** Changes the delimiter, date format or column mapping of an import that is not committed yet. */
export async function updateRosterOptions(ctx: ServiceContext, input: z.input<typeof updateRosterOptionsInput>) {
  const { id, options } = updateRosterOptionsInput.parse(input);
  await transaction(async (tx) => {
    const { batch, options: stored } = await loadBatch(tx, ctx, id);
    if (batch.status !== "previewed") throw new ConflictError(`This import is already ${batch.status}.`);
    const parsed = parseRoster(batch.content, options.delimiter);
    await tx
      .update(t.rosterImports)
      .set({ options: JSON.stringify({ ...options, encodingWarning: stored.encodingWarning }), rowCount: parsed.records.length, updatedAt: nowOf(ctx) })
      .where(eq(t.rosterImports.id, id));
    // The mapping is an object, so options are compared by their JSON rather than with diff's ===.
    const changed = (Object.keys(options) as (keyof RosterOptions)[]).filter((key) => JSON.stringify(stored[key] ?? null) !== JSON.stringify(options[key]));
    if (changed.length) {
      await recordAudit(tx, ctx, {
        action: "roster_import.update",
        target: { type: "roster_import", id },
        before: Object.fromEntries(changed.map((key) => [key, stored[key] ?? null])),
        after: Object.fromEntries(changed.map((key) => [key, options[key]])),
      });
    }
  });
}

export const discardRosterImportInput = z.object({ id: z.string().min(1) });

/** Drops an uncommitted import; the stored copy of the file is erased. */
export async function discardRosterImport(ctx: ServiceContext, input: z.infer<typeof discardRosterImportInput>) {
  await transaction(async (tx) => {
    const { batch } = await loadBatch(tx, ctx, input.id);
    if (batch.status !== "previewed") throw new ConflictError(`This import is already ${batch.status}.`);
    await tx.update(t.rosterImports).set({ status: "discarded", content: "", updatedAt: nowOf(ctx) }).where(eq(t.rosterImports.id, input.id));
    await recordAudit(tx, ctx, {
      action: "roster_import.discard",
      target: { type: "roster_import", id: input.id },
      before: { status: batch.status, fileName: batch.fileName, rows: batch.rowCount },
      after: { status: "discarded" },
    });
  });
}
