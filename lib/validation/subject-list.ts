import { z } from "zod";
import { ZOptionalId, ZOptionalPage } from "@/lib/validation/dashboard";
import { SUBJECT_STATUSES } from "@/lib/validation/schedule";
import { storableText } from "@/lib/validation/text";

/** Subjects a page of the /subjects list shows (decision 010: a program holds up to 10^5 of them). */
export const SUBJECT_LIST_PAGE_SIZE = 50;

/** The /subjects page's search parameters: filters by study, site and status, a code search, the page; a bad one is named. */
export const ZSubjectListParams = z.object({
  study: ZOptionalId,
  site: ZOptionalId,
  status: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.enum(SUBJECT_STATUSES, { error: "not a subject status" }).optional()),
  code: storableText(40)
    .optional()
    .transform((v) => v?.trim() || undefined),
  page: ZOptionalPage,
});
export type TSubjectListParams = z.infer<typeof ZSubjectListParams>;
