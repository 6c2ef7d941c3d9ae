import { domainToASCII } from "node:url";

/**
 * Normalizes an email address for storage and comparison: trimmed, NFC, lower case, and the domain
 * in its ASCII (Punycode) form, so Unicode and Punycode spellings of one domain are the same address.
 * Returns null when the value is not an address.
 */
export function normalizeEmail(raw: string): string | null {
  const value = raw.normalize("NFC").trim().toLowerCase();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return null;

  const local = value.slice(0, at);
  const domain = domainToASCII(value.slice(at + 1));
  if (!domain || !domain.includes(".") || /\s/.test(local)) return null;
  return `${local}@${domain}`;
}
