import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// Sign-in itself: the only route handler outside the guard wrapper (tests/unit/guards.test.ts lists it).
const handler = NextAuth(authOptions);
export { handler as GET, handler as POST };
