import { CsvError, parse } from "csv-parse/sync";
import { ValidationError } from "@/lib/errors";

export const DELIMITERS = { ",": "Comma", ";": "Semicolon", "\t": "Tab" } as const;
export type Delimiter = keyof typeof DELIMITERS;

export interface RosterRecord {
  // The spreadsheet row: the header is row 1, and a quoted multi-line cell stays inside its row.
  rowNumber: number;
  cells: string[];
}

export interface ParsedRoster {
  headers: string[];
  records: RosterRecord[];
  delimiter: Delimiter;
}

/**
 * Decodes an uploaded file to text. UTF-8 is expected, and a byte order mark is removed. A file that is
 * not valid UTF-8 is read as Windows-1252, the encoding of Excel's plain "CSV" format, with a warning.
 */
export function decodeUpload(bytes: Uint8Array): { text: string; warning: string | null } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, warning: null };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), warning: "The file is not UTF-8, so it was read as Windows-1252. Check accented names in the preview." };
  }
}

/** Picks the delimiter that splits the header line into the most columns, counting outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, "")) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char in counts) counts[char as Delimiter] += 1;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ",";
}

/**
 * Parses roster text into a header and records, with quoted delimiters and line breaks kept inside
 * their cells. Blank lines are skipped but still counted in the row numbers.
 */
export function parseRoster(text: string, delimiter: Delimiter | "auto"): ParsedRoster {
  const chosen = delimiter === "auto" ? detectDelimiter(text) : delimiter;
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: chosen, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const where = error instanceof CsvError && typeof (error as { lines?: number }).lines === "number" ? ` near line ${(error as { lines?: number }).lines}` : "";
    const reason = error instanceof Error ? error.message.replace(/^Invalid [^:]+: /, "") : "unknown error";
    throw new ValidationError(`The file could not be read as CSV${where}: ${reason}. Check that every quote is closed.`);
  }
  if (!rows.length) throw new ValidationError("The file is empty. Upload a CSV file with a header row and one row per person.");

  const headers = rows[0].map((h) => h.replace(/^\uFEFF/, "").normalize("NFC").trim());
  const records: RosterRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i];
    if (cells.every((c) => c.trim() === "")) continue;
    records.push({ rowNumber: i + 1, cells });
  }
  return { headers, records, delimiter: chosen };
}
