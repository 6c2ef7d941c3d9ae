import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentActor } from "@/lib/auth/current";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  signedOut: "You are signed out.",
  everywhere: "You are signed out on every device.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);

  // A visitor who is already signed in has nothing to do here.
  if (await getCurrentActor()) redirect(callbackUrl);

  const notice = typeof params.notice === "string" ? (NOTICES[params.notice] ?? null) : null;

  return (
    <div className="w-full max-w-sm">
      <div className="mb-6 text-center">
        <p className="text-2xl font-semibold tracking-tight text-slate-900">
          <span aria-hidden="true" className="mr-1.5 inline-block rounded bg-indigo-700 px-1.5 text-white">
            W
          </span>
          Warden
        </p>
        <p className="mt-1 text-sm text-slate-600">Access management for incident response</p>
      </div>
      <section aria-labelledby="sign-in-title" className="card p-6">
        <h1 id="sign-in-title" className="mb-4 text-lg font-semibold text-slate-900">
          Sign in
        </h1>
        <SignInForm callbackUrl={callbackUrl} notice={notice} />
      </section>
    </div>
  );
}
