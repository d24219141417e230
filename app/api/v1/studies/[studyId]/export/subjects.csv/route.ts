import { defineRoute } from "@/lib/auth/route";
import { csvStream, SUBJECT_COLUMNS } from "@/lib/exports/csv";
import { streamSubjects } from "@/lib/exports/services/clinical-rows";
import { resolveExportScope } from "@/lib/exports/services/export-scope";
import { CSV_CONTENT_TYPE, downloadName, fileResponse } from "@/lib/exports/services/responses";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "export:read",
  handler: async ({ actor, params, db }) => {
    const scope = await resolveExportScope(db, { actor, studyId: params.studyId ?? "" });
    return fileResponse(csvStream(streamSubjects(db, scope), SUBJECT_COLUMNS), { contentType: CSV_CONTENT_TYPE, fileName: `${downloadName(scope.study.code, "subjects")}.csv` });
  },
});
