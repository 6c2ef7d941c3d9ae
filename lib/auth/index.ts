import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { signInWithPassword } from "@/lib/services/auth/sign-in";
import { clientIp } from "./request";
import { authSecret } from "./secret";

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

const CLIENT_ERROR_TYPES = new Set(["InvalidCallbackUrl", "MissingCSRF", "UnknownAction", "JWTSessionError", "InvalidCheck"]);

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(1024) });

// Credentials sign-in needs Auth.js's JWT strategy. The JWT only carries the id of a row in
// auth_sessions, and every request checks that row and the user's status (see getCurrentActor), so
// revoking the row or deactivating the user ends the session on its next request.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // A wrong password is an expected outcome, already counted and audited by the sign-in service, so
  // Auth.js's stack trace for it is dropped; every other Auth.js error goes to pino.
  logger: {
    error(error) {
      const type = (error as { type?: string }).type;
      if (error instanceof CredentialsSignin || type === "CredentialsSignin") return;
      // Junk sent by a client (a forged callback URL, a missing CSRF token, a tampered cookie) is the
      // client's fault, not the server's: one warning line each, without a stack trace.
      if (type && CLIENT_ERROR_TYPES.has(type)) {
        logger.warn({ type, message: error.message.split(". Read more")[0] }, "auth request rejected");
        return;
      }
      logger.error({ err: error }, "auth error");
    },
    warn(code) {
      logger.warn({ code }, "auth warning");
    },
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();

        const headers = request.headers;
        const result = await signInWithPassword(parsed.data.email, parsed.data.password, {
          ip: clientIp(headers),
          userAgent: headers.get("user-agent"),
          requestId: headers.get("x-request-id") ?? crypto.randomUUID(),
        });
        if (!result) throw new CredentialsSignin();
        return { id: result.userId, name: result.name, email: result.email, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sessionId) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
    // Only same-origin relative paths survive; everything else lands on the console's home page.
    redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
  },
});

export function safeRedirect(url: string, baseUrl: string): string {
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    if (target.origin !== base.origin) return base.toString();
    if (!url.startsWith("/") && !url.startsWith(base.origin)) return base.toString();
    return target.toString();
  } catch {
    return baseUrl;
  }
}
