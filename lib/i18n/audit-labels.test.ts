import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDITED_ENTITIES, auditActionLabel, auditEntityLabel } from "@/lib/i18n/audit-labels";
import { messagesFor } from "@/lib/i18n/catalogs";
import { createTranslator } from "@/lib/i18n/translate";
import { filesUnder } from "@/tests/source-files";

const root = path.resolve(__dirname, "../..");
/** The services' sources: TypeScript, not tests, fixtures or the generated Prisma client. */
const sources = (dir: string) =>
  filesUnder(dir).filter((f) => !f.includes(`${path.sep}generated${path.sep}`) && /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !path.basename(f).includes("fixtures"));

describe("the audit trail names entities and actions in the reader's language", () => {
  it("every entity the services audit has a label (a new one would show as its model name on a Chinese page)", () => {
    const written = new Set<string>();
    for (const file of [...sources(path.join(root, "lib")), ...sources(path.join(root, "app"))]) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bentity: "([A-Za-z]+)"/g)) written.add(match[1]!);
    }
    expect(written.size).toBeGreaterThan(10);
    expect([...written].filter((entity) => !(AUDITED_ENTITIES as readonly string[]).includes(entity))).toEqual([]);
  });

  it("translates known entities and actions, and shows unknown ones as stored", () => {
    const zh = createTranslator(messagesFor("zh-CN"));
    expect(auditEntityLabel(zh, "Subject")).toBe("受试者");
    expect(auditEntityLabel(zh, "VisitSignature")).toBe("访视电子签名");
    expect(auditActionLabel(zh, "create")).toBe("创建");
    expect(auditActionLabel(zh, "sign_failed")).toBe("签名失败");
    expect(auditEntityLabel(zh, "Widget")).toBe("Widget");
    expect(auditActionLabel(zh, "status")).toBe("status");
    const en = createTranslator(messagesFor("en"));
    expect(auditEntityLabel(en, "PlanVersion")).toBe("LTFU plan version");
    for (const entity of AUDITED_ENTITIES) expect(auditEntityLabel(zh, entity)).toMatch(/[\u4e00-\u9fff]/);
  });
});
