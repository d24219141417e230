import { nextAuthHandler } from "@/lib/auth/next-auth-handler";

// Sign-in itself: the only route handler outside the guard wrapper (tests/unit/guards.test.ts lists it).
export { nextAuthHandler as GET, nextAuthHandler as POST };
