import { env } from "@/lib/env";

/**
 * The client address. Behind a load balancer (TRUST_PROXY=on) the first X-Forwarded-For entry is the
 * client; otherwise that header can be forged, so the last hop is used instead.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded.split(",").map((h) => h.trim()).filter(Boolean);
    const pick = env.TRUST_PROXY === "on" ? hops[0] : hops[hops.length - 1];
    if (pick) return pick;
  }
  return headers.get("x-real-ip") ?? "unknown";
}
