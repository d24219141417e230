import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { guardOf } from "@/lib/auth/guarded";
import { isPermission } from "@/lib/auth/permissions";
import { isFormCapable } from "@/lib/forms/form-action";
import { filesUnder } from "@/tests/source-files";

/**
 * Deny by default, checked mechanically: every server action and every route handler of
 * the app must come out of the guard wrappers (defineAction / defineRoute), and every page
 * under app/(app) must call requirePageActor before it reads data.
 */
const appDir = path.resolve(__dirname, "../../app");

// The sign-in endpoint itself cannot require a session.
const UNGUARDED_ROUTES = new Set(["api/auth/[...nextauth]/route.ts"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

const files = filesUnder(appDir).filter((f) => /\.(ts|tsx)$/.test(f));
const serverActionFiles = files.filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));
const routeFiles = files.filter((f) => path.basename(f) === "route.ts" && !UNGUARDED_ROUTES.has(path.relative(appDir, f)));
const pageFiles = files.filter((f) => path.basename(f) === "page.tsx" && f.includes(`${path.sep}(app)${path.sep}`));

describe("every server action is guarded", () => {
  it("finds the server action files", () => expect(serverActionFiles.length).toBeGreaterThan(0));
  it.each(serverActionFiles.map((f) => [path.relative(appDir, f), f]))("%s", async (_name, file) => {
    const exports = await import(file);
    for (const [name, value] of Object.entries(exports)) {
      const mark = guardOf(value);
      expect(mark, `${name} is not wrapped by defineAction`).toBeDefined();
      expect(isPermission(String(mark)), `${name} guards with unknown permission ${String(mark)}`).toBe(true);
      // A form posted without JavaScript calls it with (previous state, FormData): defineFormAction.
      expect(isFormCapable(value), `${name} is not defined with defineFormAction (lib/forms/form-action.ts)`).toBe(true);
    }
  });
});

describe("every route handler is guarded", () => {
  it("finds the route handlers", () => expect(routeFiles.length).toBeGreaterThan(0));
  it.each(routeFiles.map((f) => [path.relative(appDir, f), f]))("%s", async (_name, file) => {
    const exports = await import(file);
    const handlers = Object.entries(exports).filter(([name]) => HTTP_METHODS.has(name));
    expect(handlers.length).toBeGreaterThan(0);
    for (const [name, value] of handlers) {
      const mark = guardOf(value);
      expect(mark, `${name} is not wrapped by defineRoute`).toBeDefined();
      expect(mark === "public" || isPermission(String(mark)), `${name}: unknown permission`).toBe(true);
    }
  });
});

describe("path parameters are parsed strictly (lib/validation/path-params.ts)", () => {
  const dynamicPages = pageFiles.filter((f) => /\[\w+\]/.test(path.relative(appDir, f)));
  it("finds pages with dynamic segments", () => expect(dynamicPages.length).toBeGreaterThan(0));
  it.each(dynamicPages.map((f) => [path.relative(appDir, f), f]))("%s reads its params through pageParams", (_name, file) => {
    const source = readFileSync(file, "utf8");
    expect(source).toMatch(/pageParams\(params,/);
    expect(source).not.toMatch(/await params\b/);
  });
  // Version numbers are ints: a route or page under [version] must say so, or "0x1" would be an id.
  const versioned = [...routeFiles, ...dynamicPages].filter((f) => f.includes(`${path.sep}[version]${path.sep}`));
  it.each(versioned.map((f) => [path.relative(appDir, f), f]))("%s declares version as an int parameter", (_name, file) => {
    expect(readFileSync(file, "utf8")).toMatch(/version: "int"/);
  });
});

describe("every signed-in page checks on the server", () => {
  it.each(pageFiles.map((f) => [path.relative(appDir, f), f]))("%s calls requirePageActor", (_name, file) => {
    expect(readFileSync(file, "utf8")).toMatch(/requirePageActor\(/);
  });
});
