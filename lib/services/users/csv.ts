// Spreadsheets run a cell that starts with one of these as a formula (a tab or carriage return can
// hide one that follows), so exported cells that start with them get a leading apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formats one CSV cell: neutralizes a formula by prefixing an apostrophe, then quotes the cell when it
 * contains a quote, comma, line break or starts with the apostrophe, doubling inner quotes. The value
 * stored in the database is not changed, and "+44 20 7946 0000" still reads as a phone number.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
