import type { Role } from "@/lib/generated/prisma/enums";

/** The signed-in user as every server check sees it, reloaded from the database per request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
  /** Sites an investigator is assigned to; empty for other roles. */
  siteIds: string[];
}

/** Who wrote an audit record when no user did (seed, command line). */
export interface SystemActor {
  system: string;
}
