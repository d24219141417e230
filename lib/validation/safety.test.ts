import { describe, expect, it } from "vitest";
import { listFieldErrors } from "@/lib/validation/errors";
import { listSafetyDateIssues, ZAdverseEventInput, ZAdverseEventUpdate, ZResolveEscalation, ZSampleResultInput, ZUpdateProductMonitoring } from "@/lib/validation/safety";

const AE = { term: "T-cell lymphoma", onsetDate: "2025-03-02", serious: true, seriousnessCriteria: ["hospitalisation"], grade: 3, category: "malignancy", relatedness: "possible", outcome: "not_recovered", possibleRcl: false };
const RESULT = {
  kind: "integration_site_analysis", collectedDate: "2024-08-27", sampleType: "peripheral_blood", surrogate: false, assay: "LAM-PCR + NGS", detected: true, value: 0.8, unit: "copies/cell",
  dominantClone: true, clonalExpansion: false, nearOncogene: false, largestClonePercent: 31.5, visitRecordId: "rec_1",
};

/** The fields a refused input names. */
function refusedFields(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(false);
  return listFieldErrors(parsed.error as never).map((e) => e.field);
}

describe("adverse event input (contract example and refusals)", () => {
  it("accepts the contract's example and fills the defaults", () => {
    expect(ZAdverseEventInput.parse(AE)).toMatchObject(AE);
    const minimal = ZAdverseEventInput.parse({ term: "Rash", onsetDate: "2025-01-01", serious: false, grade: 1, category: "other", relatedness: "unrelated" });
    expect(minimal).toMatchObject({ outcome: "unknown", possibleRcl: false, seriousnessCriteria: [] });
  });

  it.each([
    [{ category: "cardiac" }, "category"],
    [{ grade: 0 }, "grade"],
    [{ grade: 6 }, "grade"],
    [{ grade: 2.5 }, "grade"],
    [{ grade: "3" }, "grade"],
    [{ relatedness: "maybe" }, "relatedness"],
    [{ outcome: "dead" }, "outcome"],
    [{ onsetDate: "2025-02-30" }, "onsetDate"],
    [{ onsetDate: "1899-12-31" }, "onsetDate"],
    [{ term: "" }, "term"],
    [{ term: "a\u0000b" }, "term"],
    [{ seriousnessCriteria: [] }, "seriousnessCriteria"],
    [{ serious: false }, "seriousnessCriteria"],
    [{ seriousnessCriteria: ["fainting"] }, "seriousnessCriteria[0]"],
    [{ possibleRcl: "yes" }, "possibleRcl"],
  ])("refuses %j naming %s", (change, field) => {
    expect(refusedFields(ZAdverseEventInput, { ...AE, ...change })).toContain(field);
  });

  it("an update needs the version read and a reason", () => {
    expect(refusedFields(ZAdverseEventUpdate, { grade: 4 })).toEqual(expect.arrayContaining(["version", "reason"]));
    expect(refusedFields(ZAdverseEventUpdate, { version: 1, reason: "follow-up report", grade: 7 })).toEqual(["grade"]);
    expect(ZAdverseEventUpdate.parse({ version: 1, reason: "follow-up report", outcome: "recovered" })).toEqual({ version: 1, reason: "follow-up report", outcome: "recovered" });
  });
});

describe("sample result input (contract example and refusals)", () => {
  it("accepts the contract's example", () => {
    expect(ZSampleResultInput.parse(RESULT)).toMatchObject(RESULT);
  });

  it.each([
    [{ kind: "karyotype" }, "kind"],
    [{ value: "0.8" }, "value"],
    [{ value: "abc" }, "value"],
    [{ value: Number.NaN }, "value"],
    [{ collectedDate: "2024-13-01" }, "collectedDate"],
    [{ sampleType: "" }, "sampleType"],
    [{ detected: "true" }, "detected"],
    [{ largestClonePercent: 120 }, "largestClonePercent"],
    [{ detected: false }, "dominantClone"],
    [{ kind: "persistence" }, "dominantClone"],
    [{ kind: "vector_positive_percent", value: 140, unit: "%", dominantClone: false, largestClonePercent: null }, "value"],
    [{ kind: "vector_positive_percent", value: null, dominantClone: false, largestClonePercent: null }, "value"],
    [{ kind: "vector_copy_number", value: -1, dominantClone: false, largestClonePercent: null }, "value"],
  ])("refuses %j naming %s", (change, field) => {
    expect(refusedFields(ZSampleResultInput, { ...RESULT, ...change })).toContain(field);
  });

  it("a persistence result needs no clone fields and no value", () => {
    expect(ZSampleResultInput.parse({ kind: "persistence", collectedDate: "2024-08-27", sampleType: "peripheral_blood", detected: false })).toMatchObject({ surrogate: false, detected: false });
  });
});

describe("dates against the subject: not before dosing, not after today", () => {
  const bounds = { dosingDate: "2024-02-29", today: "2025-06-01" };
  it.each([
    ["2024-02-28", [{ field: "onsetDate", message: "must not be before the dosing date 2024-02-29" }]],
    ["2024-02-29", []],
    ["2025-06-01", []],
    ["2025-06-02", [{ field: "onsetDate", message: "must not be after today (2025-06-01)" }]],
  ])("%s", (date, issues) => {
    expect(listSafetyDateIssues("onsetDate", date, bounds)).toEqual(issues);
  });
});

describe("escalation resolution and the product's expected range", () => {
  it("a resolution needs a note", () => {
    expect(refusedFields(ZResolveEscalation, { note: "  " })).toEqual(["note"]);
  });
  it("the expected maximum is a percentage or null, changed with a reason", () => {
    expect(ZUpdateProductMonitoring.parse({ expectedVectorPositivePercentMax: 20, reason: "new data" })).toEqual({ expectedVectorPositivePercentMax: 20, reason: "new data" });
    expect(ZUpdateProductMonitoring.parse({ expectedVectorPositivePercentMax: null, reason: "withdrawn" }).expectedVectorPositivePercentMax).toBeNull();
    expect(refusedFields(ZUpdateProductMonitoring, { expectedVectorPositivePercentMax: 101, reason: "x" })).toEqual(["expectedVectorPositivePercentMax"]);
    expect(refusedFields(ZUpdateProductMonitoring, { expectedVectorPositivePercentMax: "ten", reason: "x" })).toEqual(["expectedVectorPositivePercentMax"]);
  });
});
