import { asc, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database, db, t, transaction } from "@/db";
import type { ActorType } from "@/db/types";
import { ALL_PERMISSIONS } from "@/lib/permissions/catalog";
import { recordAudit } from "@/lib/services/audit/emit";
import { eventHash, GENESIS_HASH } from "@/lib/services/audit/hash";
import { verifyAuditChain } from "@/lib/services/audit/verify";
import type { ServiceContext } from "@/lib/services/context";
import { closeIncident } from "@/lib/services/incidents/close";
import { contextFor, makeTeam, makeUser } from "../factory";

type AuditRow = typeof t.auditEvents.$inferSelect;

let ctx: ServiceContext;
let userId: string;

async function allEvents(): Promise<AuditRow[]> {
  return db.select().from(t.auditEvents).orderBy(asc(t.auditEvents.id));
}

async function lastEvent(): Promise<AuditRow> {
  const [row] = await db.select().from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  return row;
}

function driverErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}

/**
 * Runs `edit` with the append-only triggers out of the way, the way an attacker with database access
 * would, and puts the triggers back afterwards. Only this test's throwaway database is touched.
 */
async function asAttacker(edit: () => Promise<void>) {
  const d = database();
  if (d.dialect === "postgres") {
    await d.rows(sql`alter table audit_events disable trigger user`);
    try {
      await edit();
    } finally {
      await d.rows(sql`alter table audit_events enable trigger user`);
    }
    return;
  }

  const conn = d.sqlite!.write;
  const triggers = conn.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'").all() as { name: string; sql: string }[];
  expect(triggers.length).toBeGreaterThan(0);
  for (const trigger of triggers) conn.exec(`drop trigger ${trigger.name}`);
  try {
    await edit();
  } finally {
    for (const trigger of triggers) conn.exec(trigger.sql);
  }
}

async function rewriteEvent(id: number, values: Partial<AuditRow>) {
  await asAttacker(() => transaction(async (tx) => void (await tx.update(t.auditEvents).set(values).where(eq(t.auditEvents.id, id)))));
}

beforeAll(async () => {
  userId = (await makeUser({ name: "Dana Wu", roles: ["admin"] })).id;
  ctx = { ...(await contextFor(userId)), ip: "203.0.113.7", userAgent: "Mozilla/5.0 vitest", requestId: "req_audit_fields" };
});

describe("recordAudit", () => {
  it("stores actor, target, request and a UTC time", async () => {
    const occurredAt = new Date("2026-03-01T12:34:56.789Z");

    await transaction((tx) =>
      recordAudit(tx, { ...ctx, now: occurredAt }, { action: "user.update", target: { type: "user", id: "user_target" }, before: { title: "SRE" }, after: { title: "Staff SRE" } }),
    );

    const event = await lastEvent();
    expect(event).toMatchObject({
      action: "user.update",
      actorType: "user",
      actorId: userId,
      actorName: "Dana Wu",
      targetType: "user",
      targetId: "user_target",
      before: { title: "SRE" },
      after: { title: "Staff SRE" },
      ip: "203.0.113.7",
      userAgent: "Mozilla/5.0 vitest",
      requestId: "req_audit_fields",
    });
    expect(event.occurredAt.toISOString()).toBe("2026-03-01T12:34:56.789Z");

    // The stored value is the UTC instant, read back without any time zone conversion by the driver.
    const stored =
      database().dialect === "postgres"
        ? await database().rows<{ utc: string }>(
            sql`select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as utc from audit_events where id = ${event.id}`,
          )
        : await database().rows<{ utc: number }>(sql`select occurred_at as utc from audit_events where id = ${event.id}`);
    expect(stored[0].utc).toBe(database().dialect === "postgres" ? "2026-03-01T12:34:56.789Z" : occurredAt.getTime());
  });

  it("keeps the actor's name at the time of the event", async () => {
    const renamed = await makeUser({ name: "Old Name", roles: ["admin"] });
    const renamedCtx = await contextFor(renamed.id);
    await transaction((tx) => recordAudit(tx, renamedCtx, { action: "settings.update", target: { type: "settings", id: "name-check" } }));
    const event = await lastEvent();

    await transaction((tx) => tx.update(t.users).set({ name: "New Name" }).where(eq(t.users.id, renamed.id)));

    const [reread] = await db.select().from(t.auditEvents).where(eq(t.auditEvents.id, event.id));
    expect(reread.actorName).toBe("Old Name");
  });

  it("removes secrets from before and after", async () => {
    await transaction((tx) =>
      recordAudit(tx, ctx, {
        action: "user.update",
        target: { type: "user", id: "user_secrets" },
        before: { passwordHash: "$argon2id$v=19$stored-hash", name: "Dana" },
        after: {
          password: "plain-text-password",
          apiToken: "wdn_live_token_value",
          nested: { clientSecret: "oidc-client-secret", kept: 1 },
          list: [{ token: "token-in-array" }],
          credentials: { user: "x" },
          changedAt: new Date("2026-01-02T03:04:05.000Z"),
          dropped: undefined,
        },
      }),
    );

    const event = await lastEvent();
    expect(event.before).toEqual({ passwordHash: "[removed]", name: "Dana" });
    expect(event.after).toEqual({
      password: "[removed]",
      apiToken: "[removed]",
      nested: { clientSecret: "[removed]", kept: 1 },
      list: [{ token: "[removed]" }],
      credentials: "[removed]",
      changedAt: "2026-01-02T03:04:05.000Z",
    });
    const raw = JSON.stringify(event);
    for (const secret of ["stored-hash", "plain-text-password", "wdn_live_token_value", "oidc-client-secret", "token-in-array"]) {
      expect(raw).not.toContain(secret);
    }
  });

  it("rolls the change back when the audit insert fails", async () => {
    const team = await makeTeam();
    const now = new Date();
    await transaction((tx) =>
      tx.insert(t.incidents).values({
        id: "inc_rollback", number: 9001, title: "Rollback", severity: "SEV3", status: "investigating",
        teamId: team.id, summary: "Audit write fails", createdAt: now, updatedAt: now,
      }),
    );
    const before = (await allEvents()).length;
    // The actor's type is null, which no real caller produces. Every permission check passes, and then the
    // audit insert violates audit_events.actor_type NOT NULL inside the incident update's transaction.
    const broken: ServiceContext = {
      ...ctx,
      actor: { ...ctx.actor, type: null as unknown as ActorType, global: new Set(ALL_PERMISSIONS) },
    };

    const error = await closeIncident(broken, { id: "inc_rollback" }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(driverErrorCode(error)).toBe(database().dialect === "postgres" ? "23502" : "SQLITE_CONSTRAINT_NOTNULL");
    const [incident] = await db.select().from(t.incidents).where(eq(t.incidents.id, "inc_rollback"));
    expect(incident.status).toBe("investigating");
    expect(incident.closedAt).toBeNull();
    expect(incident.version).toBe(1);
    expect(await allEvents()).toHaveLength(before);
  });

  it("rolls back when the transaction throws after the audit write", async () => {
    const before = (await allEvents()).length;

    await expect(
      transaction(async (tx) => {
        await tx.insert(t.teams).values({ id: "team_rolled_back", name: "Rolled back", slug: "rolled-back", createdAt: new Date() });
        await recordAudit(tx, ctx, { action: "team.create", target: { type: "team", id: "team_rolled_back" } });
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");

    expect(await db.select().from(t.teams).where(eq(t.teams.id, "team_rolled_back"))).toHaveLength(0);
    expect(await allEvents()).toHaveLength(before);
  });
});

describe("hash chain", () => {
  it("links every event to its predecessor", async () => {
    const events = await allEvents();

    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    for (const e of events) expect(e.hash).toBe(eventHash(e.prevHash, e));
  });

  it("stays intact under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transaction((tx) => recordAudit(tx, { ...ctx, requestId: `req_concurrent_${i}` }, { action: "settings.update", target: { type: "settings", id: `k${i}` } })),
      ),
    );

    const report = await verifyAuditChain();
    expect(report).toMatchObject({ ok: true, firstBrokenId: null });
    expect(report.checked).toBe((await allEvents()).length);
  });

  it("verifies across pages", async () => {
    const total = (await allEvents()).length;

    expect(await verifyAuditChain(3)).toEqual({ checked: total, ok: true, firstBrokenId: null, problem: null });
  });

  it("detects an edited event", async () => {
    const target = (await allEvents())[2];

    await rewriteEvent(target.id, { after: { title: "Principal SRE" } });
    const report = await verifyAuditChain(2);
    await rewriteEvent(target.id, { after: target.after });

    expect(report).toMatchObject({ ok: false, firstBrokenId: target.id, problem: "its content does not match its hash" });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("detects an edited event whose hash was recomputed", async () => {
    const events = await allEvents();
    const target = events[1];
    const forged = { ...target, actorName: "Someone Else" };

    await rewriteEvent(target.id, { actorName: forged.actorName, hash: eventHash(forged.prevHash, forged) });
    const report = await verifyAuditChain();
    await rewriteEvent(target.id, { actorName: target.actorName, hash: target.hash });

    expect(report).toMatchObject({ ok: false, firstBrokenId: events[2].id, problem: "its predecessor hash does not match the previous event" });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("detects a deleted event", async () => {
    const events = await allEvents();
    const target = events[3];

    await asAttacker(() => transaction(async (tx) => void (await tx.delete(t.auditEvents).where(eq(t.auditEvents.id, target.id)))));
    const report = await verifyAuditChain();
    await asAttacker(() => transaction(async (tx) => void (await tx.insert(t.auditEvents).values(target))));

    expect(report).toMatchObject({ ok: false, firstBrokenId: events[4].id });
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it("is append-only again after the attack", async () => {
    const target = await lastEvent();

    await expect(transaction((tx) => tx.update(t.auditEvents).set({ actorName: "x" }).where(eq(t.auditEvents.id, target.id)))).rejects.toThrow();
  });
});
