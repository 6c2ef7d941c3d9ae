import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { loadActorForSession } from "@/lib/services/auth/sessions";
import type { Actor, ServiceContext } from "@/lib/services/context";
import { auth } from "./index";
import { clientIp } from "./request";

/** The request's id, address and user agent, read once per request. */
export const getRequestMeta = cache(async () => {
  const h = await headers();
  return {
    requestId: h.get("x-request-id") ?? crypto.randomUUID(),
    ip: clientIp(h),
    userAgent: h.get("user-agent"),
  };
});

/** The signed-in actor, or null. One database query per request, shared by every caller through React's cache. */
export const getCurrentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.sessionId) return null;
  return loadActorForSession(session.sessionId);
});

export async function getServiceContext(): Promise<ServiceContext | null> {
  const actor = await getCurrentActor();
  if (!actor) return null;
  const meta = await getRequestMeta();
  return { actor, ...meta };
}

export async function requireServiceContext(): Promise<ServiceContext> {
  const ctx = await getServiceContext();
  if (!ctx) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return ctx;
}
