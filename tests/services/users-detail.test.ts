import { and, desc, eq, or } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, t, transaction } from "@/db";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "@/lib/services/audit/emit";
import type { ServiceContext } from "@/lib/services/context";
import { getUser } from "@/lib/services/users/get";
import { contextFor, makeUser } from "../factory";

let admin: ServiceContext;
let subjectId: string;
let otherId: string;

async function emit(ctx: ServiceContext, targetId: string, count: number) {
  await transaction(async (tx) => {
    for (let i = 0; i < count; i++) await recordAudit(tx, ctx, { action: "user.update", target: { type: "user", id: targetId } });
  });
}

beforeAll(async () => {
  const adminUser = await makeUser({ roles: ["admin"] });
  const subject = await makeUser({ roles: ["responder"] });
  const other = await makeUser();
  admin = await contextFor(adminUser.id);
  subjectId = subject.id;
  otherId = other.id;
  const subjectCtx = await contextFor(subject.id);

  // Interleaved, so the newest 50 mix events about the subject, by the subject, and by the subject on themselves.
  for (let round = 0; round < 4; round++) {
    await emit(admin, subjectId, 10);
    await emit(subjectCtx, otherId, 10);
    await emit(subjectCtx, subjectId, 3);
  }
  await emit(admin, otherId, 20);
});

describe("user detail events", () => {
  it("returns the newest 50 as target or actor", async () => {
    const detail = await getUser(admin, subjectId);
    const events = detail.events!;
    expect(events).toHaveLength(50);

    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(50);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const expected = await db
      .select({ id: t.auditEvents.id })
      .from(t.auditEvents)
      .where(or(and(eq(t.auditEvents.targetType, "user"), eq(t.auditEvents.targetId, subjectId)), eq(t.auditEvents.actorId, subjectId)))
      .orderBy(desc(t.auditEvents.id))
      .limit(50);
    expect(ids).toEqual(expected.map((e) => e.id));
  });

  it("excludes events of other users", async () => {
    const detail = await getUser(admin, otherId);
    const events = detail.events!;
    // 40 by the subject on the other user and 20 by the admin: the newest 50 of them.
    expect(events).toHaveLength(50);
    expect(events.every((e) => e.targetType === "user")).toBe(true);
  });

  it("hides events without audit.view", async () => {
    const manager = await makeUser({ roles: ["manager"] });
    const detail = await getUser(await contextFor(manager.id), subjectId);
    expect(detail.events).toBeNull();
    expect(detail.grants.map((g) => g.roleKey)).toEqual(["responder"]);
  });

  it("rejects an unknown id", async () => {
    await expect(getUser(admin, "usr_missing")).rejects.toBeInstanceOf(NotFoundError);
  });
});
