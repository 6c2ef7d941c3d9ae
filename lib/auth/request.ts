/**
 * The client address: the last X-Forwarded-For entry. Behind a load balancer that appends the address
 * it saw, that entry was written by the load balancer, so a client cannot choose it. Without a proxy,
 * `next start` writes the socket address into X-Forwarded-For only when the request has no such header.
 * NOTE: so a client that talks to `next start` directly can send its own header and pick the address
 * its per-IP sign-in throttle counts against; the per-account throttle still applies. Deploy behind a
 * proxy that sets or appends X-Forwarded-For.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded.split(",").map((h) => h.trim()).filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last;
  }
  return headers.get("x-real-ip") ?? "unknown";
}
