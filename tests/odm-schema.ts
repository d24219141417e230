import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The official ODM 1.3.2 schema, vendored (MIT, CDISC) so a clean clone validates offline. */
export const ODM_SCHEMA = path.resolve(__dirname, "../vendor/cdisc-odm-1.3.2/ODM1-3-2.xsd");

/**
 * Validates an ODM document with Debian's xmllint (libxml2-utils, installed by .ci/run) against
 * the schema, with the network off so no import is fetched. Returns xmllint's verdict and messages.
 */
export function validateOdm(xml: string): { valid: boolean; messages: string } {
  const folder = mkdtempSync(path.join(tmpdir(), "odm-"));
  try {
    const file = path.join(folder, "export.xml");
    writeFileSync(file, xml, "utf8");
    const result = spawnSync("xmllint", ["--nonet", "--noout", "--schema", ODM_SCHEMA, file], { encoding: "utf8" });
    if (result.error) throw result.error;
    return { valid: result.status === 0, messages: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The string value of an XPath over the document (namespaces ignored through local-name()). */
export function xpathString(xml: string, expression: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "odm-"));
  try {
    const file = path.join(folder, "export.xml");
    writeFileSync(file, xml, "utf8");
    // xmllint ends its answer with one line break of its own.
    return execFileSync("xmllint", ["--nonet", "--xpath", `string(${expression})`, file], { encoding: "utf8" }).replace(/\n$/, "");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
