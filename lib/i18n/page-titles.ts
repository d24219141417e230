import type { MessageKey } from "@/lib/i18n/messages/en";

/** The request header the proxy (proxy.ts) sets to the page's path, for the document title. */
export const PATHNAME_HEADER = "x-ltfu-pathname";

/**
 * Each page's title (WCAG 2.4.2: a tab, a bookmark and a screen reader's first words name the
 * page), by its path: the root layout's metadata reads it for every request, client navigations
 * included. A record's page is named by its kind; its h1 names the record.
 * tests/unit/page-titles.test.ts fails on a page without a title here.
 */
const PAGE_TITLES: ReadonlyArray<readonly [RegExp, MessageKey]> = [
  [/^\/audit$/, "audit.title"],
  [/^\/dashboard$/, "dashboard.title"],
  [/^\/investigator$/, "home.investigator.title"],
  [/^\/monitor$/, "home.monitor.title"],
  [/^\/settings$/, "settings.title"],
  [/^\/sponsor$/, "home.sponsor.title"],
  [/^\/sponsor\/products$/, "products.title"],
  [/^\/sponsor\/products\/new$/, "products.new"],
  [/^\/sponsor\/products\/[^/]+$/, "audit.entity.Product"],
  [/^\/sponsor\/sites$/, "sites.title"],
  [/^\/sponsor\/users$/, "users.title"],
  [/^\/studies$/, "studies.title"],
  [/^\/studies\/[^/]+$/, "audit.entity.Study"],
  [/^\/studies\/[^/]+\/plans$/, "pageTitle.plans"],
  [/^\/studies\/[^/]+\/plans\/\d+\/guide$/, "plans.guide"],
  [/^\/studies\/[^/]+\/reports\/dsur$/, "dsur.title"],
  [/^\/subjects$/, "subjects.title"],
  [/^\/subjects\/new$/, "subjects.enrol"],
  [/^\/subjects\/[^/]+$/, "audit.entity.Subject"],
  [/^\/subjects\/[^/]+\/visits\/new$/, "pageTitle.recordVisit"],
  [/^\/subjects\/[^/]+\/visits\/[^/]+$/, "audit.entity.VisitRecord"],
  [/^\/login$/, "login.title"],
  [/^\/logout$/, "logout.title"],
];

/** The catalog key of the page at `pathname`, or null (the home page, an unknown address). */
export function pageTitleKey(pathname: string | null | undefined): MessageKey | null {
  if (!pathname) return null;
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return PAGE_TITLES.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}
