import { defineRoute } from "@/lib/auth/route";
import { downloadName, fileResponse, XML_CONTENT_TYPE } from "@/lib/exports/services/responses";
import { exportStudyOdm } from "@/lib/exports/services/study-exports";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "export:read",
  handler: async ({ actor, params, db }) => {
    const { scope, stream } = await exportStudyOdm(db, { actor, studyId: params.studyId ?? "", generatedAt: new Date().toISOString() });
    return fileResponse(stream, { contentType: XML_CONTENT_TYPE, fileName: `${downloadName(scope.study.code, "odm")}.xml` });
  },
});
