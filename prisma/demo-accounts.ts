import type { Role } from "@/lib/generated/prisma/enums";

/** Demo accounts: seeded only into the embedded demo database (`npm start` without DATABASE_URL). */
export const DEMO_PASSWORD = "ltfu-demo";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role; siteCodes: string[] }> = [
  { email: "sponsor@demo.test", name: "Demo Sponsor Admin", role: "SPONSOR_ADMIN", siteCodes: [] },
  { email: "investigator@demo.test", name: "Demo Investigator", role: "INVESTIGATOR", siteCodes: ["SH-01"] },
  { email: "investigator2@demo.test", name: "Demo Investigator Two", role: "INVESTIGATOR", siteCodes: ["BJ-02"] },
  { email: "monitor@demo.test", name: "Demo Monitor", role: "MONITOR", siteCodes: [] },
];

export const DEMO_ORGANIZATION = "Demo Gene Therapeutics";

export const DEMO_SITES = [
  { code: "SH-01", name: "Shanghai Ruijin Hospital (demo)", country: "China", principalInvestigator: "Dr. Li Wei" },
  { code: "BJ-02", name: "Peking Union Medical College Hospital (demo)", country: "China", principalInvestigator: "Dr. Zhang Min" },
] as const;
