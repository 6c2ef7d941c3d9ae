"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/client";
import { offboardUser, offboardUserInput } from "@/lib/services/offboarding/offboard";
import { cancelScheduledOffboarding, cancelScheduledOffboardingInput, scheduleOffboarding, scheduleOffboardingInput } from "@/lib/services/offboarding/schedule";

export const offboardUserAction = defineAction(offboardUserInput, async (input, ctx) => {
  const result = await offboardUser(ctx, input);
  revalidatePath(`/users/${input.userId}`);
  revalidatePath("/users");
  return result;
});

export const scheduleOffboardingAction = defineAction(scheduleOffboardingInput, async (input, ctx) => {
  const result = await scheduleOffboarding(ctx, input);
  revalidatePath(`/users/${input.userId}/offboard`);
  return { id: result.id, runAt: result.runAt.toISOString() };
});

export const cancelScheduledOffboardingAction = defineAction(cancelScheduledOffboardingInput, async (input, ctx) => {
  await cancelScheduledOffboarding(ctx, input);
  revalidatePath("/users");
  return { id: input.id };
});
