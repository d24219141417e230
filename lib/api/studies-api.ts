import { z } from "zod";
import { ZActivateConsentVersion, ZCreateConsentVersion, ZUpdateConsentChecklist } from "@/lib/validation/consent";
import { ZSetStudyMembers, ZSetStudySites } from "@/lib/validation/study";

/** API bodies: the UI schemas with the ids that the URL carries removed. */
export const ZPutStudySitesBody = ZSetStudySites.omit({ studyId: true });
export const ZPutStudyMembersBody = ZSetStudyMembers.omit({ studyId: true });
export const ZPostConsentVersionBody = ZCreateConsentVersion.omit({ studyId: true });
export const ZPatchConsentVersionBody = ZUpdateConsentChecklist.omit({ id: true });
export const ZActivateConsentVersionBody = ZActivateConsentVersion.omit({ id: true });

/** Study as the API returns it. */
export const ZStudyResource = z.object({
  id: z.string(),
  protocolNumber: z.string(),
  title: z.string(),
  phase: z.string(),
  ruleSet: z.string(),
  product: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  siteIds: z.array(z.string()),
  memberIds: z.array(z.string()).optional(),
  activePlanVersion: z.number().int().nullable(),
  activeConsentVersion: z.number().int().nullable(),
});

export const ZConsentVersionResource = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(["DRAFT", "ACTIVE", "SUPERSEDED"]),
  title: z.string(),
  documentRef: z.string().nullable(),
  checklist: z.record(z.string(), z.boolean()),
  effectiveDate: z.string().nullable(),
});

export function consentVersionResource(row: {
  id: string;
  version: number;
  status: "DRAFT" | "ACTIVE" | "SUPERSEDED";
  title: string;
  documentRef: string | null;
  checklist: unknown;
  effectiveDate: Date | null;
}): z.infer<typeof ZConsentVersionResource> {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    title: row.title,
    documentRef: row.documentRef,
    checklist: (row.checklist ?? {}) as Record<string, boolean>,
    effectiveDate: row.effectiveDate ? row.effectiveDate.toISOString().slice(0, 10) : null,
  };
}
