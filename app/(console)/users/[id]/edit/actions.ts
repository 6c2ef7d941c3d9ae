"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/client";
import { reissueInvitation, reissueInvitationInput } from "@/lib/services/onboarding/invitations";
import { purgeUser, purgeUserInput } from "@/lib/services/users/purge";
import { reactivateUser, reactivateUserInput } from "@/lib/services/users/reactivate";
import { resumeUser, resumeUserInput, suspendUser, suspendUserInput } from "@/lib/services/users/status";
import { updateUser, updateUserInput } from "@/lib/services/users/update";

function refresh(id: string) {
  revalidatePath(`/users/${id}`);
  revalidatePath(`/users/${id}/edit`);
}

export const updateUserAction = defineAction(updateUserInput, async (input, ctx) => {
  const result = await updateUser(ctx, input);
  refresh(input.id);
  return result;
});

export const suspendUserAction = defineAction(suspendUserInput, async (input, ctx) => {
  const result = await suspendUser(ctx, input);
  refresh(input.id);
  return result;
});

export const resumeUserAction = defineAction(resumeUserInput, async (input, ctx) => {
  const result = await resumeUser(ctx, input);
  refresh(input.id);
  return result;
});

export const reactivateUserAction = defineAction(reactivateUserInput, async (input, ctx) => {
  const result = await reactivateUser(ctx, input);
  refresh(input.id);
  return result;
});

export const purgeUserAction = defineAction(purgeUserInput, async (input, ctx) => {
  const result = await purgeUser(ctx, input);
  refresh(input.id);
  return result;
});

export const reissueInvitationAction = defineAction(reissueInvitationInput, async (input, ctx) => {
  const result = await reissueInvitation(ctx, input);
  refresh(input.userId);
  return { path: result.path, expiresAt: result.expiresAt.toISOString() };
});
