import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, t } from "@/db";
import { systemContext } from "@/lib/services/context";
import { lookupInvitation } from "@/lib/services/onboarding/invitations";
import { createFirstOwner } from "@/lib/services/setup/first-owner";
import { contextFor, makeUser } from "../factory";

describe("createFirstOwner", () => {
  it("rejects a signed-in user", async () => {
    const admin = await makeUser({ roles: ["admin"] });
    await expect(createFirstOwner(await contextFor(admin.id), { email: "x@corp.example", name: "X" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects an invalid email", async () => {
    await expect(createFirstOwner(systemContext("setup"), { email: "not-an-email", name: "X" })).rejects.toThrow(/valid email/);
  });

  it("creates an invited Owner with an invitation", async () => {
    const created = await createFirstOwner(systemContext("setup"), { email: " Founder@Corp.Example ", name: "Fay Founder" });

    const [user] = await db.select().from(t.users).where(eq(t.users.id, created.userId));
    expect(user.email).toBe("founder@corp.example");
    expect(user.status).toBe("invited");

    const grants = await db.select({ roleId: t.grants.roleId, teamId: t.grants.teamId }).from(t.grants).where(eq(t.grants.userId, created.userId));
    expect(grants).toEqual([{ roleId: "role_owner", teamId: null }]);

    const invitation = await lookupInvitation(created.token);
    expect(invitation.state).toBe("valid");

    const actions = (await db.select({ action: t.auditEvents.action }).from(t.auditEvents).where(eq(t.auditEvents.targetId, created.userId))).map((e) => e.action);
    expect(actions).toContain("user.create");
    expect(actions).toContain("invitation.create");
  });

  it("refuses a second Owner", async () => {
    await expect(createFirstOwner(systemContext("setup"), { email: "second@corp.example", name: "Sam Second" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
