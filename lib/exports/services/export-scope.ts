import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { studyScopeFilter } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import type { ExportSite, ExportStudy } from "@/lib/exports/types";

/** What an export may contain: the study, and the sites of it that the caller sees. */
export interface ExportScope {
  organizationId: string;
  study: ExportStudy;
  sites: ExportSite[];
  siteIds: string[];
}

/**
 * The caller's scope over a study: sponsor administrators and monitors see every site of a study
 * they may read; an investigator only its assigned sites of the study. A study the caller cannot
 * read is "not found" (never reveal that it exists).
 */
export async function resolveExportScope(db: Db, options: { actor: Actor; studyId: string }): Promise<ExportScope> {
  const { actor } = options;
  const study = await db.study.findFirst({
    where: { id: options.studyId, ...studyScopeFilter(actor) },
    select: { id: true, organizationId: true, protocolNumber: true, title: true, sites: { select: { site: { select: { id: true, code: true, name: true } } }, orderBy: { site: { code: "asc" } } } },
  });
  if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
  const sites = study.sites.map((s) => s.site).filter((site) => actor.role !== "INVESTIGATOR" || actor.siteIds.includes(site.id));
  return {
    organizationId: study.organizationId,
    study: { id: study.id, code: study.protocolNumber, name: study.title },
    sites,
    siteIds: sites.map((site) => site.id),
  };
}
