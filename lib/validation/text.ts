// Text that Warden cannot store: U+0000, which Postgres rejects in text columns and SQLite's FTS5 query
// syntax cuts short, and UTF-16 surrogates without their pair, which have no UTF-8 encoding.
const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const INVALID_TEXT_MESSAGE = "Contains a NUL character or invalid Unicode. Remove it and try again.";

/** Returns true when the string contains no NUL character and no unpaired surrogate. */
export function isValidText(value: string): boolean {
  INVALID_TEXT.lastIndex = 0;
  return !INVALID_TEXT.test(value);
}

/** Removes NUL characters and unpaired surrogates, for URL parameters that are filters rather than data. */
export function stripInvalidText(value: string): string {
  return value.replace(INVALID_TEXT, "");
}

/** Applies stripInvalidText to a string and passes any other value through, for z.preprocess. */
export function stripInvalidTextOf(value: unknown): unknown {
  return typeof value === "string" ? stripInvalidText(value) : value;
}

/**
 * Walks a value (strings, arrays and plain objects, including object keys) and returns the dotted path
 * of every string that isValidText rejects, in the same form as fieldErrorsOf ("_form" for the root).
 */
export function invalidTextPaths(value: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<object>();

  const visit = (item: unknown, path: (string | number)[]) => {
    if (typeof item === "string") {
      if (!isValidText(item)) found.push(path.length ? path.join(".") : "_form");
      return;
    }
    if (item === null || typeof item !== "object" || seen.has(item)) return;
    seen.add(item);
    if (Array.isArray(item)) {
      item.forEach((element, index) => visit(element, [...path, index]));
      return;
    }
    // Only plain objects carry form fields. Files, dates and typed arrays are left to the schema.
    const prototype = Object.getPrototypeOf(item);
    if (prototype !== Object.prototype && prototype !== null) return;
    for (const [key, element] of Object.entries(item)) {
      if (!isValidText(key)) {
        found.push(path.length ? path.join(".") : "_form");
        continue;
      }
      visit(element, [...path, key]);
    }
  };

  visit(value, []);
  return found;
}

/** The field errors for invalidTextPaths, or null when every string is valid. */
export function invalidTextErrors(value: unknown): Record<string, string[]> | null {
  const paths = invalidTextPaths(value);
  if (!paths.length) return null;
  const errors: Record<string, string[]> = {};
  for (const path of paths) errors[path] = [INVALID_TEXT_MESSAGE];
  return errors;
}
