import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/sign-in";

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
 * only the user id; role, sites and the disabled flag are reloaded from the database on
 * every request (lib/auth/session.ts), so a change takes effect at once.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const userId = await authenticate(credentials, clientAddress(request?.headers as Record<string, unknown> | undefined));
        return userId ? { id: userId } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return { sub: token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    async session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } } as typeof session;
    },
  },
};
