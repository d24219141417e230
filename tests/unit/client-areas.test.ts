import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { en } from "@/lib/i18n/messages/en";
import { filesUnder } from "@/tests/source-files";

/**
 * The browser receives only the catalog areas its client components use (lib/i18n/client-areas.ts).
 * From each page, walk its imports; from the first "use client" module on, collect the catalog
 * areas named in string literals (`"plans.saved"`, `` `kind.${k}` ``) and in the failure keys a
 * form renders; they must all be sent by the root layout or by the page's <ClientMessages>.
 */
const root = path.resolve(__dirname, "../..");
const areas = new Set(Object.keys(en).map((key) => key.slice(0, key.indexOf("."))));

function resolveImport(specifier: string): string | null {
  if (!specifier.startsWith("@/")) return null;
  const base = path.join(root, specifier.slice(2));
  for (const candidate of [`${base}.tsx`, `${base}.ts`]) if (existsSync(candidate)) return candidate;
  return null;
}

function clientAreasOf(file: string, inClient: boolean, seen: Set<string>, found: Map<string, Set<string>>): void {
  const key = `${file}:${inClient}`;
  if (seen.has(key)) return;
  seen.add(key);
  const source = readFileSync(file, "utf8");
  const client = inClient || /^\s*["']use client["']/.test(source);
  if (client) {
    for (const match of source.matchAll(/["'`]([a-zA-Z]+)\.[\w${}.]*/g)) {
      if (areas.has(match[1]!)) (found.get(match[1]!) ?? found.set(match[1]!, new Set()).get(match[1]!)!).add(path.relative(root, file));
    }
  }
  for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)) {
    const target = resolveImport(match[1]!);
    // Catalog files are data, not users of it; server-only helpers never reach the browser.
    if (!target || target.includes(`${path.sep}messages${path.sep}`) || target.endsWith("catalogs.ts") || target.endsWith("client-areas.ts")) continue;
    clientAreasOf(target, client, seen, found);
  }
}

const pages = (dir: string) => filesUnder(dir).filter((f) => ["page.tsx", "layout.tsx"].includes(path.basename(f)));

describe("client catalog areas", () => {
  const layoutAreas = new Set<string>(CLIENT_AREAS.root);
  it.each(pages(path.join(root, "app")).map((f) => [path.relative(root, f), f]))("%s sends every area its client components use", (_name, file) => {
    const found = new Map<string, Set<string>>();
    clientAreasOf(file, false, new Set(), found);
    const source = readFileSync(file, "utf8");
    const sent = new Set<string>(layoutAreas);
    for (const match of source.matchAll(/CLIENT_AREAS\.(\w+)/g)) for (const area of CLIENT_AREAS[match[1] as keyof typeof CLIENT_AREAS]) sent.add(area);
    const missing = [...found.entries()].filter(([area]) => !sent.has(area)).map(([area, files]) => `${area} (${[...files].join(", ")})`);
    expect(missing, "areas used by client components but not sent").toEqual([]);
  });

  it("ships much less than the whole catalog to every page", () => {
    const rootKeys = Object.keys(en).filter((key) => layoutAreas.has(key.slice(0, key.indexOf("."))));
    expect(rootKeys.length).toBeLessThan(Object.keys(en).length / 3);
  });
});
