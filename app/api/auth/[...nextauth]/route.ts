import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { getCurrentActor, getServiceContext } from "@/lib/auth/current";
import { revokeSession } from "@/lib/services/auth/sessions";

// Auth.js reads only the signed cookie, but a Warden session is a row in auth_sessions. So the session
// endpoint returns null for a revoked row, and Auth.js's own sign-out ends the row as well as the cookie.

async function endedSession(request: NextRequest): Promise<boolean> {
  return request.nextUrl.pathname.endsWith("/session") && !(await getCurrentActor());
}

export async function GET(request: NextRequest) {
  if (await endedSession(request)) return Response.json(null);
  return handlers.GET(request);
}

export async function POST(request: NextRequest) {
  if (await endedSession(request)) return Response.json(null);
  if (request.nextUrl.pathname.endsWith("/signout")) {
    // NOTE: the row ends before Auth.js checks the CSRF token. A cross-site form cannot use this to sign
    // someone out, because the SameSite=Lax session cookie is not sent with a cross-site POST.
    const ctx = await getServiceContext();
    if (ctx?.actor.sessionId) await revokeSession(ctx, ctx.actor.sessionId);
  }
  return handlers.POST(request);
}
