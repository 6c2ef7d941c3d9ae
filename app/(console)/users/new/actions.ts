"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/client";
import { onboardUser, onboardUserInput } from "@/lib/services/onboarding/onboard";
import { deleteTemplate, deleteTemplateInput, saveTemplate, saveTemplateInput } from "@/lib/services/onboarding/templates";

export const onboardUserAction = defineAction(onboardUserInput, async (input, ctx) => {
  const result = await onboardUser(ctx, input);
  revalidatePath("/users");
  return { userId: result.userId, invitationPath: result.invitationPath, invitationExpiresAt: result.invitationExpiresAt.toISOString() };
});

export const saveTemplateAction = defineAction(saveTemplateInput, async (input, ctx) => {
  const result = await saveTemplate(ctx, input);
  revalidatePath("/users/new");
  return result;
});

export const deleteTemplateAction = defineAction(deleteTemplateInput, async (input, ctx) => {
  await deleteTemplate(ctx, input);
  revalidatePath("/users/new");
  return { teamId: input.teamId };
});
