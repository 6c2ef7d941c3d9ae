"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/client";
import { closeIncident, closeIncidentInput } from "@/lib/services/incidents/close";
import { updateIncident, updateIncidentInput } from "@/lib/services/incidents/update";

export const updateIncidentAction = defineAction(updateIncidentInput, async (input, ctx) => {
  const result = await updateIncident(ctx, input);
  revalidatePath(`/incidents/${result.id}`);
  return result;
});

export const closeIncidentAction = defineAction(closeIncidentInput, async (input, ctx) => {
  const result = await closeIncident(ctx, input);
  revalidatePath(`/incidents/${result.id}`);
  return result;
});
