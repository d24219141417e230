import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
import type { MessageKey } from "@/lib/i18n/messages/en";

export interface NavItem {
  href: string;
  label: MessageKey;
}

/** The role's home page; `/` redirects here. */
export function homePathFor(actor: Actor): string {
  if (actor.role === "SPONSOR_ADMIN") return "/sponsor";
  if (actor.role === "INVESTIGATOR") return "/investigator";
  return "/monitor";
}

/** Navigation per role. Hiding a link is convenience only: every page checks on the server. */
export function navItemsFor(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ href: homePathFor(actor), label: "nav.home" }];
  if (hasPermission(actor, "product:manage")) items.push({ href: "/sponsor/products", label: "nav.products" });
  // The monitor's home is the dashboard; investigators and sponsor administrators reach it here.
  if (actor.role !== "MONITOR" && hasPermission(actor, "dashboard:read", AT_ANY_OWN_SITE)) items.push({ href: "/dashboard", label: "nav.dashboard" });
  if (hasPermission(actor, "study:read")) items.push({ href: "/studies", label: "nav.studies" });
  if (hasPermission(actor, "subject:read", AT_ANY_OWN_SITE)) items.push({ href: "/subjects", label: "nav.subjects" });
  if (hasPermission(actor, "site:manage")) items.push({ href: "/sponsor/sites", label: "nav.sites" });
  if (hasPermission(actor, "user:manage")) items.push({ href: "/sponsor/users", label: "nav.users" });
  if (hasPermission(actor, "audit:read")) items.push({ href: "/audit", label: "nav.audit" });
  items.push({ href: "/settings", label: "nav.settings" });
  return items;
}
