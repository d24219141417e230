import "server-only";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/demo-accounts";

/** The demo accounts the sign-in page lists in demo mode (seeded by prisma/seed-demo.ts). */
export function listDemoAccounts(): { accounts: ReadonlyArray<{ email: string; role: (typeof DEMO_ACCOUNTS)[number]["role"] }>; password: string } {
  return { accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })), password: DEMO_PASSWORD };
}
