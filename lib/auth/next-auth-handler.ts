import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

/** next-auth's route handler: served at /api/auth/* and asked in process for the sign-in form's csrf token (lib/auth/csrf.ts). */
export const nextAuthHandler = NextAuth(authOptions);
