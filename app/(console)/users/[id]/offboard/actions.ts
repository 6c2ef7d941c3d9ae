"use server";

import { defineAction } from "@/lib/actions/client";
import { offboardUser, offboardUserInput } from "@/lib/services/offboarding/offboard";
import { cancelScheduledOffboarding, cancelScheduledOffboardingInput, scheduleOffboarding, scheduleOffboardingInput } from "@/lib/services/offboarding/schedule";

// No revalidatePath here: console pages render per request, and revalidating would re-render this page
// into its "already deactivated" state before the form can show what the offboarding did.

export const offboardUserAction = defineAction(offboardUserInput, (input, ctx) => offboardUser(ctx, input));

export const scheduleOffboardingAction = defineAction(scheduleOffboardingInput, async (input, ctx) => {
  const result = await scheduleOffboarding(ctx, input);
  return { id: result.id, runAt: result.runAt.toISOString() };
});

export const cancelScheduledOffboardingAction = defineAction(cancelScheduledOffboardingInput, async (input, ctx) => {
  await cancelScheduledOffboarding(ctx, input);
  return { id: input.id };
});
