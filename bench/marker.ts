import { eq } from "drizzle-orm";
import type { Database_ } from "@/db/connect";
import type { GenerationReport, Scale } from "./generate";

const KEY = "bench.organization";

export interface Marker extends GenerationReport {
  scale: Scale;
  generatedAt: string;
}

/** Reads the record of a finished generation, kept in settings so that --keep can tell a complete scratch database from a half-written one. */
export async function readMarker(d: Database_): Promise<Marker | null> {
  const [row] = await d.db.select({ value: d.tables.settings.value }).from(d.tables.settings).where(eq(d.tables.settings.key, KEY));
  return row ? (JSON.parse(row.value) as Marker) : null;
}

export async function writeMarker(d: Database_, marker: Marker): Promise<void> {
  await d.transaction((tx) => tx.insert(d.tables.settings).values({ key: KEY, value: JSON.stringify(marker), updatedAt: new Date() }));
}
