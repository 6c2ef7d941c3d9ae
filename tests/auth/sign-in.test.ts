import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t } from "@/db";
import { hashPassword } from "@/lib/services/auth/passwords";
import { loadActorForSession } from "@/lib/services/auth/sessions";
import { signInWithPassword } from "@/lib/services/auth/sign-in";
import { makeUser } from "../factory";

const PASSWORD = "correct horse battery staple";
let passwordHash: string;
let ipCounter = 0;

// Each test signs in from its own address, so the per-IP counter of one test never locks another.
function meta() {
  ipCounter += 1;
  return { ip: `10.1.0.${ipCounter}`, userAgent: "vitest sign-in", requestId: `req_sign_in_${ipCounter}` };
}

async function sessionsOf(userId: string) {
  return db.select().from(t.authSessions).where(eq(t.authSessions.userId, userId));
}

async function auditFor(action: string, targetId: string) {
  return db
    .select()
    .from(t.auditEvents)
    .where(and(eq(t.auditEvents.action, action), eq(t.auditEvents.targetId, targetId)))
    .orderBy(desc(t.auditEvents.id));
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

describe("signInWithPassword", () => {
  it("opens a session and audits auth.sign_in", async () => {
    const user = await makeUser({ passwordHash, roles: ["responder"] });
    const request = meta();

    const result = await signInWithPassword(user.email, PASSWORD, request);

    expect(result).toMatchObject({ userId: user.id, email: user.email });
    const [session] = await sessionsOf(user.id);
    expect(session.id).toBe(result!.sessionId);
    expect(session.ip).toBe(request.ip);
    expect(session.userAgent).toBe("vitest sign-in");
    expect(session.revokedAt).toBeNull();
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const [event] = await auditFor("auth.sign_in", result!.sessionId);
    expect(event.actorType).toBe("user");
    expect(event.actorId).toBe(user.id);
    expect(event.targetType).toBe("session");
    expect(event.ip).toBe(request.ip);
    expect(event.requestId).toBe(request.requestId);

    const actor = await loadActorForSession(result!.sessionId);
    expect(actor?.id).toBe(user.id);
    const [row] = await db.select({ lastActiveAt: t.users.lastActiveAt }).from(t.users).where(eq(t.users.id, user.id));
    expect(row.lastActiveAt).toBeInstanceOf(Date);
  });

  it("matches the email regardless of case and spaces", async () => {
    const user = await makeUser({ email: "Dana.Wu@Corp.Example", passwordHash });

    const result = await signInWithPassword("  DANA.WU@corp.example ", PASSWORD, meta());

    expect(result?.userId).toBe(user.id);
  });

  it("returns null for a wrong password and audits the failure", async () => {
    const user = await makeUser({ passwordHash });

    const result = await signInWithPassword(user.email, "guess-7731", meta());

    expect(result).toBeNull();
    expect(await sessionsOf(user.id)).toHaveLength(0);
    const [event] = await auditFor("auth.sign_in_failed", user.id);
    expect(event.after).toEqual({ reason: "wrong password" });
    expect(JSON.stringify(event)).not.toContain("guess-7731");
  });

  it("returns null for an unknown email", async () => {
    const result = await signInWithPassword("nobody@corp.example", PASSWORD, meta());

    expect(result).toBeNull();
    const [counter] = await db.select().from(t.authThrottle).where(eq(t.authThrottle.key, "account:nobody@corp.example"));
    expect(counter.failures).toBe(1);
  });

  it("returns null for a user without a password", async () => {
    const user = await makeUser({ passwordHash: null });

    expect(await signInWithPassword(user.email, PASSWORD, meta())).toBeNull();
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  for (const status of ["suspended", "deactivated", "invited", "purged"] as const) {
    it(`returns null for a ${status} user with the right password`, async () => {
      const user = await makeUser({ passwordHash, status });

      const result = await signInWithPassword(user.email, PASSWORD, meta());

      expect(result).toBeNull();
      expect(await sessionsOf(user.id)).toHaveLength(0);
      const [event] = await auditFor("auth.sign_in_failed", user.id);
      expect(event.after).toEqual({ reason: `account is ${status}` });
    });
  }
});
