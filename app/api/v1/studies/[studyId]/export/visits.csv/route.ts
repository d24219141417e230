import { defineRoute } from "@/lib/auth/route";
import { csvStream, VISIT_COLUMNS } from "@/lib/exports/csv";
import { streamVisitRecords } from "@/lib/exports/services/clinical-rows";
import { resolveExportScope } from "@/lib/exports/services/export-scope";
import { CSV_CONTENT_TYPE, downloadName, fileResponse } from "@/lib/exports/services/responses";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "export:read",
  handler: async ({ actor, params, db }) => {
    const scope = await resolveExportScope(db, { actor, studyId: params.studyId ?? "" });
    return fileResponse(csvStream(streamVisitRecords(db, scope), VISIT_COLUMNS), { contentType: CSV_CONTENT_TYPE, fileName: `${downloadName(scope.study.code, "visits")}.csv` });
  },
});
