import type { Metadata } from "next";
import Link from "next/link";
import { lookupInvitation } from "@/lib/services/onboarding/invitations";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const STATES = {
  used: "This invitation link was already used. Sign in with the password you set, or ask your administrator for a new link.",
  expired: "This invitation link has expired. Ask your administrator for a new one.",
  revoked: "This invitation link is no longer valid. Ask your administrator for a new one.",
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask your administrator for a new one.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await lookupInvitation(token);

  return (
    <section aria-labelledby="invite-title" className="card w-full max-w-md p-6">
      <h1 id="invite-title" className="text-lg font-semibold text-slate-900">
        Welcome to Warden
      </h1>
      {invitation.state === "valid" ? (
        <>
          <p className="mt-1 text-sm text-slate-700">
            Set a password for <strong className="break-all">{invitation.email}</strong> ({invitation.name}) to activate your account.
          </p>
          <AcceptForm token={token} email={invitation.email!} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-2 text-sm text-slate-700">
            {STATES[invitation.state]}
          </p>
          <p className="mt-4">
            <Link href="/sign-in" className="btn btn-secondary">
              Go to sign-in
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
