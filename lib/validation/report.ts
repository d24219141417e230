import { z } from "zod";
import { LOCALES } from "@/lib/i18n/translate";
import { ZClinicalDate } from "@/lib/validation/calendar-date";

/** `?from=&to=[&format=csv]` of the DSUR section: a period of calendar dates, both days included. */
export const ZDsurQuery = z
  .object({
    from: ZClinicalDate.describe("First day of the period (YYYY-MM-DD), included"),
    to: ZClinicalDate.describe("Last day of the period (YYYY-MM-DD), included"),
    format: z.enum(["json", "csv"]).optional().describe("csv for the same content as CSV"),
  })
  .refine((query) => query.from <= query.to, { path: ["to"], error: "must not be before from" });
export type TDsurQuery = z.infer<typeof ZDsurQuery>;

/** `?lang=` of the calendar feed: the language of its summaries and descriptions. */
export const ZCalendarLanguage = z.enum(LOCALES).optional().describe("Language of the summaries and descriptions (en, zh-CN); default: the app's remembered language (cookie), else Accept-Language");
