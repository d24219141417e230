import { defineRoute } from "@/lib/auth/route";
import { csvStream, SAMPLE_RESULT_COLUMNS } from "@/lib/exports/csv";
import { resolveExportScope } from "@/lib/exports/services/export-scope";
import { CSV_CONTENT_TYPE, downloadName, fileResponse } from "@/lib/exports/services/responses";
import { streamSampleResults } from "@/lib/exports/services/safety-rows";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "export:read",
  handler: async ({ actor, params, db }) => {
    const scope = await resolveExportScope(db, { actor, studyId: params.studyId ?? "" });
    return fileResponse(csvStream(streamSampleResults(db, scope), SAMPLE_RESULT_COLUMNS), { contentType: CSV_CONTENT_TYPE, fileName: `${downloadName(scope.study.code, "sample-results")}.csv` });
  },
});
