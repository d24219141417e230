import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportOperations } from "@/lib/api/operations-exports";

const root = path.resolve(__dirname, "../..");
const routeFile = (apiPath: string) => path.join(root, "app", apiPath.replace(/^\//, "").replace(/\{(\w+)\}/g, "[$1]"), "route.ts");

/** The query parameters a route handler reads, from its source: what the document must list. */
function queryParametersRead(source: string, queryShapes: Record<string, Record<string, unknown>>): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/searchParams\.get\("(\w+)"\)/g)) names.add(match[1]!);
  if (/readAsOf\(/.test(source)) names.add("asOf");
  if (/acceptsFeedToken:\s*true/.test(source)) names.add("token");
  for (const [schema, shape] of Object.entries(queryShapes)) if (new RegExp(`\\b${schema}\\.(safe)?[pP]arse\\(`).test(source)) for (const key of Object.keys(shape)) names.add(key);
  return [...names].sort();
}

describe("OpenAPI: every export lists the query parameters its route reads", () => {
  const shapes = Object.fromEntries(exportOperations.filter((op) => op.query).map((op) => [op.path, op.query!.shape as Record<string, unknown>]));

  it.each(exportOperations.map((op) => [`${op.method} ${op.path}`, op] as const))("%s", (_, operation) => {
    const source = readFileSync(routeFile(operation.path), "utf8");
    const documented = Object.keys((operation.query?.shape ?? {}) as Record<string, unknown>).sort();
    expect(queryParametersRead(source, { ZDsurQuery: shapes["/api/v1/studies/{studyId}/reports/dsur"] ?? {} })).toEqual(documented);
  });

  it("the calendar documents its language and the DSUR its period and format", () => {
    const calendar = exportOperations.find((op) => op.path.endsWith("/calendar.ics"));
    expect(Object.keys(calendar?.query?.shape ?? {}).sort()).toEqual(["asOf", "lang", "token"]);
    const dsur = exportOperations.find((op) => op.path.endsWith("/reports/dsur"));
    expect(Object.keys(dsur?.query?.shape ?? {}).sort()).toEqual(["format", "from", "to"]);
  });
});
