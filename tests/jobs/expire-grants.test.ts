import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, t } from "@/db";
import { loadActorForSession } from "@/lib/services/auth/sessions";
import { systemContext } from "@/lib/services/context";
import { expireGrants } from "@/lib/services/grants/expire";
import { contextFor, makeUser } from "../factory";

const HOUR = 3_600_000;

async function grantsOf(userIds: string[]) {
  return db.select().from(t.grants).where(inArray(t.grants.userId, userIds)).orderBy(asc(t.grants.id));
}

async function expireEvents(grantIds: string[]) {
  return db
    .select()
    .from(t.auditEvents)
    .where(and(eq(t.auditEvents.action, "grant.expire"), inArray(t.auditEvents.targetId, grantIds)));
}

describe("expireGrants", () => {
  it("ends due grants with one grant.expire event each", async () => {
    const now = new Date();
    const expired = await makeUser({ roles: [{ role: "vendor", expiresAt: new Date(now.getTime() - HOUR) }, { role: "responder", expiresAt: now }] });
    const current = await makeUser({ roles: [{ role: "vendor", expiresAt: new Date(now.getTime() + HOUR) }, "auditor"] });
    const ctx = { ...systemContext("job:grants.expire", "run_1"), now };

    const ended = await expireGrants(ctx);

    expect(ended).toBe(2);
    const [first, second] = await grantsOf([expired.id]);
    for (const grant of [first, second]) {
      expect(grant.endedAt?.getTime()).toBe(now.getTime());
      expect(grant.endReason).toBe("expired");
    }
    for (const grant of await grantsOf([current.id])) expect(grant.endedAt).toBeNull();

    const events = await expireEvents([first.id, second.id]);
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "system", actorId: null, actorName: "job:grants.expire", targetType: "grant", requestId: "run_1" });
      expect(event.after).toEqual({ endedAt: now.toISOString(), endReason: "expired" });
      expect(event.before).toMatchObject({ userId: expired.id });
    }
  });

  it("ends nothing on a second run", async () => {
    const now = new Date();
    const user = await makeUser({ roles: [{ role: "vendor", expiresAt: new Date(now.getTime() - HOUR) }] });
    const ctx = { ...systemContext("job:grants.expire"), now };
    expect(await expireGrants(ctx)).toBe(1);
    const [grant] = await grantsOf([user.id]);

    expect(await expireGrants(ctx)).toBe(0);
    expect(await expireGrants({ ...ctx, now: new Date(now.getTime() + 60_000) })).toBe(0);

    expect(await expireEvents([grant.id])).toHaveLength(1);
    const [after] = await grantsOf([user.id]);
    expect(after.endedAt?.getTime()).toBe(now.getTime());
  });

  it("works through more grants than one batch", async () => {
    const now = new Date();
    const users = await Promise.all(
      Array.from({ length: 7 }, () => makeUser({ roles: [{ role: "vendor", expiresAt: new Date(now.getTime() - HOUR) }] })),
    );

    expect(await expireGrants({ ...systemContext("job:grants.expire"), now }, 3)).toBe(7);

    const grants = await grantsOf(users.map((u) => u.id));
    expect(grants.every((g) => g.endedAt !== null)).toBe(true);
    expect(await expireEvents(grants.map((g) => g.id))).toHaveLength(7);
  });

  it("removes the permission from an open session", async () => {
    const expiresAt = new Date(Date.now() + HOUR);
    const user = await makeUser({ roles: [{ role: "auditor", expiresAt }] });
    const ctx = await contextFor(user.id);
    expect(ctx.actor.global.has("audit.view")).toBe(true);

    await expireGrants({ ...systemContext("job:grants.expire"), now: new Date(expiresAt.getTime() + 1) });

    const actor = await loadActorForSession(ctx.actor.sessionId!);
    expect(actor?.global.has("audit.view")).toBe(false);
  });
});
