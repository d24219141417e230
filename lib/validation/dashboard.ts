import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { storableText } from "@/lib/validation/text";

/** Lists and sorts of the dashboard (lib/db/dashboard.ts), here so the page's parameters and the query share them. */
export const DASHBOARD_LISTS = [
  "overdue",
  "window_open",
  "due_30",
  "due_90",
  "active",
  "completed",
  "withdrawn",
  "lost_to_follow_up",
  "died",
  "reconsent_due",
  "extension",
  "nearing_end",
  "escalations_open",
  "escalations_overdue",
  "ae_serious",
  "ae_malignancy",
  "queries_open",
  "queries_answered",
] as const;
export type TDashboardList = (typeof DASHBOARD_LISTS)[number];

export const DASHBOARD_SORTS = ["subject", "site", "study", "item", "date", "daysOverdue"] as const;
export type TDashboardSort = (typeof DASHBOARD_SORTS)[number];

/** An optional record id from a search parameter, absent when empty. */
export const ZOptionalId = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || undefined);

/**
 * A whole number from a search parameter (min to 100,000), absent when empty; anything else is
 * refused with `message` (translated by lib/i18n/field-errors.ts, not zod's English).
 */
export function optionalInteger(min: number, message = `expected a whole number from ${min}`) {
  const error = { error: message };
  return z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? Number(v.trim()) : undefined))
    .pipe(z.number(error).int(error).min(min, error).max(100_000, error).optional());
}

/** A page number of a list in the address. */
export const ZOptionalPage = optionalInteger(1, "expected a page number from 1");

/** The /monitor page's search parameters; a bad one is reported naming it. */
export const ZDashboardParams = z.object({
  study: ZOptionalId,
  asOf: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(ZClinicalDate.optional()),
  list: z.enum(DASHBOARD_LISTS, { error: "not one of the dashboard's lists" }).optional(),
  site: ZOptionalId,
  item: storableText(100)
    .optional()
    .transform((v) => v?.trim() || undefined),
  minDays: optionalInteger(0),
  sort: z.enum(DASHBOARD_SORTS, { error: "not a column the list sorts by" }).optional(),
  dir: z.enum(["asc", "desc"], { error: "expected asc or desc" }).optional(),
  page: ZOptionalPage,
});
export type TDashboardParams = z.infer<typeof ZDashboardParams>;
