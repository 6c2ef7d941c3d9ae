import { stripInvalidText } from "@/lib/validation/text";

// Helpers for the console's URL state. Next.js hands pages searchParams as a record whose values are
// a string, an array (for a repeated key) or undefined.
export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Keeps the first value of each key, so a repeated key cannot turn a scalar field into an array. NUL
 * characters and unpaired surrogates are removed, because the values become database query parameters.
 */
export function firstValues(params: RawSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = stripInvalidText(first);
  }
  return out;
}

/** Reads a list parameter written either as `a,b` or as a repeated key. */
export function listValue(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((item) => stripInvalidText(item).split(","))
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Builds a path with the given query, dropping empty values. */
export function pathWithQuery(pathname: string, params: RawSearchParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) if (item !== "") query.append(key, item);
  }
  const text = query.toString();
  return text ? `${pathname}?${text}` : pathname;
}
