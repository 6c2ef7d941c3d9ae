import { expireGrants } from "@/lib/services/grants/expire";
import { pruneThrottle } from "@/lib/services/auth/throttle";
import type { ServiceContext } from "@/lib/services/context";
import { runDueOffboardings } from "@/lib/services/offboarding/schedule";
import { purgeDueUsers } from "@/lib/services/users/purge";

export interface JobDefinition {
  name: string;
  everyMs: number;
  run: (ctx: ServiceContext) => Promise<Record<string, unknown>>;
}

// Every job must be idempotent: it can run twice in a row, or be cut off and rerun, without harm.
export const JOBS: JobDefinition[] = [
  { name: "grants.expire", everyMs: 60_000, run: async (ctx) => ({ ended: await expireGrants(ctx) }) },
  { name: "auth.prune_throttle", everyMs: 15 * 60_000, run: async () => ({ pruned: await pruneThrottle(new Date()) }) },
  { name: "users.offboard_scheduled", everyMs: 60_000, run: async (ctx) => runDueOffboardings(ctx) },
  { name: "users.purge", everyMs: 60 * 60_000, run: async (ctx) => ({ purged: await purgeDueUsers(ctx) }) },
];
