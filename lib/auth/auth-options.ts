import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { endAllSessions, getSessionVersion } from "@/lib/db/users";

/**
 * The address the per-address sign-in throttle counts: the last X-Forwarded-For entry, the
 * one the nearest hop wrote (Next.js writes the socket address when the header is absent; a
 * reverse proxy such as nginx with `proxy_add_x_forwarded_for` appends it). Earlier entries
 * come from the client and are ignored. Exposed without a proxy, a client can still send its
 * own header, so production sits behind one (README, deployment).
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const last = typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  return last || (typeof headers?.["x-real-ip"] === "string" ? headers["x-real-ip"] : "unknown");
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * next-auth (v4) with e-mail + password. Sessions are JWTs in an httpOnly cookie holding
 * only the user id and the user's session version; role, sites, the disabled flag and the
 * session version are reloaded from the database on every request (lib/auth/session.ts), so
 * a change takes effect at once. Signing out raises the version: every session of the user
 * ends, including copies of the cookie.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", signOut: "/logout", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        try {
          const userId = await authenticate(credentials, clientAddress(request?.headers as Record<string, unknown> | undefined));
          return userId ? { id: userId } : null;
        } catch (error) {
          // next-auth puts a thrown error's message in the redirect URL: no database text may leave.
          console.error(error);
          return null;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = await getSessionVersion(getDb(), { userId: user.id });
      }
      return { sub: token.sub, sv: token.sv, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    async session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub, sv: token.sv } } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sub) await endAllSessions(getDb(), { userId: token.sub });
    },
  },
};
