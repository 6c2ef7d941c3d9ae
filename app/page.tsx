import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current";
import { homePathFor } from "@/lib/navigation";
import { permissionList } from "@/lib/permissions/check";

// Sends a signed-in actor to the first page their permissions open, and everyone else to sign in.
export default async function Home() {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in");
  redirect(homePathFor(permissionList(actor)));
}
