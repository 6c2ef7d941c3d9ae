"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/client";
import { endGrant, endGrantInput } from "@/lib/services/grants/end";
import { grantRole, grantRoleInput } from "@/lib/services/grants/grant";

export const grantRoleAction = defineAction(grantRoleInput, async (input, ctx) => {
  const result = await grantRole(ctx, input);
  revalidatePath(`/users/${result.userId}`);
  return { id: result.id, roleName: result.roleName, scope: result.scope, expiresAt: result.expiresAt?.toISOString() ?? null };
});

export const endGrantAction = defineAction(endGrantInput, async (input, ctx) => {
  const result = await endGrant(ctx, input);
  revalidatePath(`/users/${result.userId}`);
  return { id: result.id, roleName: result.roleName };
});
