import { eq } from "drizzle-orm";
import { t, transaction } from "@/db";
import type { EmploymentType, UserStatus } from "@/db/types";
import { createSession, loadActorForSession } from "@/lib/services/auth/sessions";
import type { ServiceContext } from "@/lib/services/context";

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeTeam(name = `Team ${next()}`) {
  const id = `team_${next()}`;
  await transaction((tx) => tx.insert(t.teams).values({ id, name, slug: id, createdAt: new Date() }));
  return { id, name };
}

export interface MakeUserOptions {
  name?: string;
  email?: string;
  status?: UserStatus;
  teamId?: string | null;
  managerId?: string | null;
  employmentType?: EmploymentType;
  passwordHash?: string | null;
  // Role keys granted globally, or `{ role, teamId, expiresAt }` for scoped or expiring grants.
  roles?: (string | { role: string; teamId?: string | null; expiresAt?: Date | null })[];
}

export async function makeUser(options: MakeUserOptions = {}) {
  const id = `user_${next()}`;
  const now = new Date();
  const email = options.email ?? `${id}@corp.example`;
  await transaction(async (tx) => {
    await tx.insert(t.users).values({
      id,
      email,
      name: options.name ?? `User ${id}`,
      status: options.status ?? "active",
      teamId: options.teamId ?? null,
      managerId: options.managerId ?? null,
      employmentType: options.employmentType ?? "employee",
      source: "manual",
      passwordHash: options.passwordHash ?? null,
      createdAt: now,
      updatedAt: now,
    });
    for (const spec of options.roles ?? []) {
      const g = typeof spec === "string" ? { role: spec } : spec;
      await tx.insert(t.grants).values({
        id: `grant_${next()}`,
        userId: id,
        roleId: `role_${g.role}`,
        teamId: g.teamId ?? null,
        expiresAt: g.expiresAt ?? null,
        grantedAt: now,
        source: "manual",
      });
    }
  });
  return { id, email };
}

/** A service context for a user, loaded through a real session exactly as a request would load it. */
export async function contextFor(userId: string): Promise<ServiceContext> {
  const session = await transaction((tx) => createSession(tx, userId, new Date(), "127.0.0.1", "vitest"));
  const actor = await loadActorForSession(session.id);
  if (!actor) throw new Error(`user ${userId} cannot act: not active or no session`);
  return { actor, requestId: `req_${next()}`, ip: "127.0.0.1", userAgent: "vitest" };
}

export async function userStatus(userId: string) {
  const { db } = await import("@/db");
  const [row] = await db.select({ status: t.users.status }).from(t.users).where(eq(t.users.id, userId));
  return row?.status;
}
