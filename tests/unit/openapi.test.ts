import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS, buildOpenApiDocument } from "@/lib/api/openapi";

const apiDir = path.resolve(__dirname, "../../app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/products/[id]/route.ts → /api/v1/products/{id} */
function openApiPath(file: string): string {
  const rel = path.relative(apiDir, path.dirname(file)).split(path.sep).filter(Boolean);
  return ["/api/v1", ...rel.map((seg) => seg.replace(/^\[(\w+)\]$/, "{$1}"))].join("/");
}

describe("OpenAPI document", () => {
  const handlers = routeFiles(apiDir).flatMap((file) => {
    const source = readFileSync(file, "utf8");
    return METHODS.filter((m) => new RegExp(`export const ${m}\\b`).test(source)).map((m) => `${m.toLowerCase()} ${openApiPath(file)}`);
  });

  it("describes every /api/v1 route handler, and nothing that does not exist", () => {
    const documented = API_OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(handlers.length).toBeGreaterThan(3);
    expect([...documented].sort()).toEqual([...handlers].sort());
  });

  it("is valid OpenAPI 3.1 with JSON schemas from zod", () => {
    const doc = buildOpenApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    const post = doc.paths["/api/v1/tokens"]?.post as { requestBody: { content: { "application/json": { schema: { type: string; properties: object } } } } };
    expect(post.requestBody.content["application/json"].schema).toMatchObject({ type: "object", properties: { name: { type: "string" } } });
  });
});
