import "server-only";
import { toFailure } from "@/lib/actions/client";
import { HTTP_STATUS } from "@/lib/errors";
import type { ServiceContext } from "@/lib/services/context";

/** The JSON failure of a route handler, in the same shape and with the same audit as server actions. */
export async function failureResponse(error: unknown, ctx?: ServiceContext): Promise<Response> {
  const failure = await toFailure(error, ctx);
  if (failure.ok) throw new Error("unreachable");
  return Response.json(failure, { status: HTTP_STATUS[failure.code] });
}

export function unauthenticated(): Response {
  return Response.json({ ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again.", fieldErrors: {} }, { status: 401 });
}

/**
 * Rejects a state-changing request whose Origin is another site. Server actions get this check from
 * Next.js; route handlers that change state call it themselves.
 */
export function crossSite(request: Request): Response | null {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return null;
  try {
    if (new URL(origin).host === host) return null;
  } catch {
    // An unparseable Origin is treated as another site.
  }
  return Response.json({ ok: false, code: "FORBIDDEN", message: "Requests from another site are not accepted.", fieldErrors: {} }, { status: 403 });
}
