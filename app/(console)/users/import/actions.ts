"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/client";
import { discardRosterImport, discardRosterImportInput, updateRosterOptions, updateRosterOptionsInput } from "@/lib/services/roster/batches";

export const updateRosterOptionsAction = defineAction(updateRosterOptionsInput, async (input, ctx) => {
  await updateRosterOptions(ctx, input);
  revalidatePath(`/users/import/${input.id}`);
  return { id: input.id };
});

export const discardRosterImportAction = defineAction(discardRosterImportInput, async (input, ctx) => {
  await discardRosterImport(ctx, input);
  revalidatePath(`/users/import/${input.id}`);
  return { id: input.id };
});
