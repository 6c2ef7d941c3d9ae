import { desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { db, t, transaction } from "@/db";
import { defineAction } from "@/lib/actions/client";
import { ConflictError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { ServiceContext } from "@/lib/services/context";
import { closeIncident, closeIncidentInput } from "@/lib/services/incidents/close";
import { contextFor, makeTeam, makeUser } from "../factory";

// The session comes from Auth.js's request cookies, which a test has no request for. The stand-in
// returns a context loaded from a real database session, or fails the way requireServiceContext does.
const session = vi.hoisted(() => ({ ctx: null as ServiceContext | null }));
vi.mock("@/lib/auth/current", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireServiceContext: async () => {
      if (!session.ctx) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      return session.ctx;
    },
  };
});

let responder: ServiceContext;
let teamId: string;

async function lastAudit() {
  const [row] = await db.select().from(t.auditEvents).orderBy(desc(t.auditEvents.id)).limit(1);
  return row;
}

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  responder = { ...(await contextFor((await makeUser({ roles: ["responder"], teamId })).id)), requestId: "req_action_client" };
});

afterEach(() => {
  session.ctx = null;
  vi.restoreAllMocks();
});

describe("defineAction", () => {
  const echo = defineAction(z.object({ name: z.string().min(2, "Name needs at least 2 characters.") }), async (input, ctx) => ({
    greeting: `hello ${input.name}`,
    actorId: ctx.actor.id,
  }));

  it("returns ok with the service's data", async () => {
    session.ctx = responder;

    expect(await echo({ name: "Dana" })).toEqual({ ok: true, data: { greeting: "hello Dana", actorId: responder.actor.id } });
  });

  it("returns field errors for invalid input", async () => {
    session.ctx = responder;

    const result = await echo({ name: "D" });

    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { name: ["Name needs at least 2 characters."] } });
  });

  it("rejects NUL and lone surrogates by field path", async () => {
    session.ctx = responder;
    const nested = defineAction(z.object({ name: z.string(), tags: z.array(z.string()) }), async (input) => input);

    const nul = await nested({ name: "a\u0000b", tags: ["ok", "x\uD800y"] });

    expect(nul).toMatchObject({ ok: false, code: "VALIDATION" });
    if (nul.ok) return;
    expect(Object.keys(nul.fieldErrors).sort()).toEqual(["name", "tags.1"]);
    expect(nul.fieldErrors.name[0]).toMatch(/NUL character or invalid Unicode.*Remove it/);
    expect(await nested({ name: "pair \uD83D\uDE00 ok", tags: [] })).toMatchObject({ ok: true });
  });

  it("returns UNAUTHENTICATED without a session", async () => {
    const result = await echo({ name: "Dana" });

    expect(result).toEqual({ ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again.", fieldErrors: {} });
  });

  it("passes an app error's message and field errors through", async () => {
    session.ctx = responder;
    const conflicting = defineAction(z.object({}), async () => {
      throw new ConflictError("That email is already in use.", { email: ["Pick another email."] });
    });

    expect(await conflicting({})).toEqual({ ok: false, code: "CONFLICT", message: "That email is already in use.", fieldErrors: { email: ["Pick another email."] } });
  });

  it("hides an internal error and logs it with the request and actor", async () => {
    session.ctx = responder;
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const failing = defineAction(z.object({}), async () => {
      throw new Error("connect ECONNREFUSED postgres://warden:hunter2@db.internal");
    });

    const result = await failing({});

    expect(result).toEqual({ ok: false, code: "INTERNAL", message: expect.stringContaining("req_action_client"), fieldErrors: {} });
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|hunter2|db\.internal/);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toMatchObject({ requestId: "req_action_client", actorId: responder.actor.id });
  });
});

describe("defineAction with a real service", () => {
  const closeAction = defineAction(closeIncidentInput, (input, ctx) => closeIncident(ctx, input));

  it("returns FORBIDDEN and audits access.denied", async () => {
    session.ctx = responder;
    const now = new Date();
    await transaction((tx) =>
      tx.insert(t.incidents).values({
        id: "inc_action_sev1", number: 7001, title: "Checkout down", severity: "SEV1", status: "investigating",
        teamId, summary: "Payments failing", createdAt: now, updatedAt: now,
      }),
    );

    const result = await closeAction({ id: "inc_action_sev1" });

    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const [incident] = await db.select().from(t.incidents).where(eq(t.incidents.id, "inc_action_sev1"));
    expect(incident.status).toBe("investigating");
    const event = await lastAudit();
    expect(event).toMatchObject({
      action: "access.denied",
      actorId: responder.actor.id,
      targetType: "permission",
      targetId: "incident.close_major",
      requestId: "req_action_client",
    });
  });

  it("rejects a NUL id without calling the service", async () => {
    session.ctx = responder;
    const before = await lastAudit();

    const result = await closeAction({ id: "inc\u0000" });

    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { id: [expect.stringContaining("NUL")] } });
    expect((await lastAudit()).id).toBe(before.id);
  });

  it("returns the parsed input's field errors before calling the service", async () => {
    session.ctx = responder;
    const before = await lastAudit();

    const result = await closeAction({ id: "" });

    expect(result).toEqual({ ok: false, code: "VALIDATION", message: expect.any(String), fieldErrors: { id: [expect.any(String)] } });
    expect((await lastAudit()).id).toBe(before.id);
  });
});
