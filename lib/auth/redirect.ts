const PROBE_ORIGIN = "http://warden.invalid";

/**
 * Turns an untrusted callbackUrl into a same-origin path. Anything else (absolute URLs,
 * protocol-relative `//host`, `/\host`, `javascript:`, control characters, the sign-in page itself)
 * becomes "/", which sends a signed-in user to their first permitted page.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//")) return "/";
  // Browsers read a backslash as a slash, so "/\evil.example" would leave the origin.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return "/";

  let target: URL;
  try {
    target = new URL(raw, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (target.origin !== PROBE_ORIGIN) return "/";
  if (target.pathname === "/sign-in" || target.pathname.startsWith("/api/auth")) return "/";
  return `${target.pathname}${target.search}${target.hash}`;
}
