"use server";

import { signOut } from "@/lib/auth";
import { getServiceContext } from "@/lib/auth/current";
import { revokeSession, signOutEverywhere } from "@/lib/services/auth/sessions";

// These two actions do not go through defineAction: signing out must also clear the cookie of a
// session that has already ended, where defineAction would stop at "not signed in".

/** Ends this browser's database session, then clears the Auth.js cookie. */
export async function signOutAction(): Promise<void> {
  const ctx = await getServiceContext();
  if (ctx?.actor.sessionId) await revokeSession(ctx, ctx.actor.sessionId);
  await signOut({ redirectTo: "/sign-in?notice=signedOut" });
}

/** Ends every database session of the actor on every device, then clears this browser's cookie. */
export async function signOutEverywhereAction(): Promise<void> {
  const ctx = await getServiceContext();
  if (ctx) await signOutEverywhere(ctx);
  await signOut({ redirectTo: "/sign-in?notice=everywhere" });
}
