import type { Permission } from "@/lib/permissions/catalog";
import type { ActorType } from "@/db/types";

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string;
  email?: string;
  // Permissions held globally.
  global: ReadonlySet<Permission>;
  // Permissions held only for some teams: permission -> team ids.
  scoped: ReadonlyMap<Permission, ReadonlySet<string>>;
  // Role keys held globally, used for the Owner-only rules.
  roleKeys: ReadonlySet<string>;
  sessionId?: string;
}

// Everything a service needs to know about the caller, passed explicitly so that jobs, route
// handlers, server actions and tests call services the same way.
export interface ServiceContext {
  actor: Actor;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}

export function nowOf(ctx: ServiceContext): Date {
  return ctx.now ?? new Date();
}

export function systemContext(name = "system", requestId = crypto.randomUUID()): ServiceContext {
  return {
    actor: { type: "system", id: null, name, global: new Set(), scoped: new Map(), roleKeys: new Set() },
    requestId,
    ip: null,
    userAgent: null,
  };
}
