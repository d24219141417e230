/** User roles, without zod (client components import these). */
export const ROLES = ["SPONSOR_ADMIN", "INVESTIGATOR", "MONITOR"] as const;
