import { eq, sql } from "drizzle-orm";
import { db, t, transaction } from "@/db";
import { recordAudit } from "@/lib/services/audit/emit";
import type { ServiceContext } from "@/lib/services/context";
import { normalizeEmail } from "@/lib/services/users/email";
import { isValidText, stripInvalidText } from "@/lib/validation/text";
import { verifyPassword } from "./passwords";
import { createSession } from "./sessions";
import { clearAccountFailures, isLocked, recordFailure, throttleKeys } from "./throttle";

export interface SignInMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface SignedIn {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
}

/**
 * Checks an email and password and opens a database session. Every failure (unknown email, wrong
 * password, inactive account, throttled account or IP) returns null after the same amount of hashing
 * work, so neither the answer nor its timing tells which emails exist.
 */
export async function signInWithPassword(email: string, password: string, meta: SignInMeta): Promise<SignedIn | null> {
  const now = new Date();
  // An email with a NUL character or a lone surrogate matches no account, but its failures still count
  // toward the throttle under the cleaned key, which the database can store.
  const storable = stripInvalidText(email);
  const normalized = normalizeEmail(storable) ?? storable.trim().toLowerCase();
  const keys = throttleKeys(normalized, meta.ip);

  if (await isLocked([keys.account, keys.ip], now)) {
    await verifyPassword(null, password);
    await recordFailure(normalized, meta.ip, now);
    return null;
  }

  const [user] = isValidText(email) ? await db.select().from(t.users).where(eq(sql`lower(${t.users.email})`, normalized)).limit(1) : [];
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);

  if (!user || !passwordOk || user.status !== "active") {
    await recordFailure(normalized, meta.ip, now);
    if (user) {
      await transaction((tx) =>
        recordAudit(tx, anonymousContext(meta), {
          action: "auth.sign_in_failed",
          target: { type: "user", id: user.id },
          after: { reason: passwordOk ? `account is ${user.status}` : "wrong password" },
        }),
      );
    }
    return null;
  }

  await clearAccountFailures(normalized);
  return transaction(async (tx) => {
    const session = await createSession(tx, user.id, now, meta.ip, meta.userAgent);
    await tx.update(t.users).set({ lastActiveAt: now }).where(eq(t.users.id, user.id));
    await recordAudit(tx, { ...anonymousContext(meta), actor: { ...anonymousContext(meta).actor, type: "user", id: user.id, name: user.name } }, {
      action: "auth.sign_in",
      target: { type: "session", id: session.id },
    });
    return { userId: user.id, name: user.name, email: user.email, sessionId: session.id };
  });
}

function anonymousContext(meta: SignInMeta): ServiceContext {
  return {
    actor: { type: "system", id: null, name: "sign-in", global: new Set(), scoped: new Map(), roleKeys: new Set() },
    requestId: meta.requestId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}
