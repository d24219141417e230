import { defineRoute } from "@/lib/auth/route";
import { renderDsurCsv } from "@/lib/exports/dsur";
import { CSV_CONTENT_TYPE, downloadName, fileResponse } from "@/lib/exports/services/responses";
import { buildStudyDsur } from "@/lib/exports/services/study-exports";
import { ZDsurQuery } from "@/lib/validation/report";

/** The DSUR's LTFU section for `?from=&to=`, as JSON, or CSV with `&format=csv`. */
export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "report:read",
  handler: async ({ actor, params, request, db }) => {
    const query = ZDsurQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const report = await buildStudyDsur(db, { actor, studyId: params.studyId ?? "", from: query.from, to: query.to });
    if (query.format !== "csv") return report;
    return fileResponse(await renderDsurCsv(report), { contentType: CSV_CONTENT_TYPE, fileName: `${downloadName(report.study.code, "dsur-ltfu", query.from, query.to)}.csv` });
  },
});
