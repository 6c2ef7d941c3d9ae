import "server-only";
import { notFound, redirect } from "next/navigation";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordDenied } from "@/lib/services/audit/denied";
import type { ServiceContext } from "@/lib/services/context";
import { getServiceContext } from "./current";

/**
 * Returns the caller's service context, or redirects to the sign-in page with `path` as the
 * callbackUrl. Every console page calls this itself instead of relying on the proxy or the layout,
 * because a layout is not re-rendered on every navigation.
 */
export async function requirePageContext(path: string): Promise<ServiceContext> {
  const ctx = await getServiceContext();
  if (!ctx) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return ctx;
}

export type PageLoad<T> = { ok: true; data: T } | { ok: false };

/**
 * Runs a service read for a page. The service decides access: a ForbiddenError is recorded in the
 * audit log and becomes `{ ok: false }`, which the page renders as the no-access state, and a
 * NotFoundError renders the not-found page. Other errors reach the error boundary.
 */
export async function loadForPage<T>(ctx: ServiceContext, read: () => Promise<T>): Promise<PageLoad<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    if (error instanceof ForbiddenError) {
      await recordDenied(ctx, error);
      return { ok: false };
    }
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
