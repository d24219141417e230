import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inputFromFormData } from "@/lib/validation/form-data";
import { ZUpdateConsentChecklist } from "@/lib/validation/consent";
import { ZUpdatePlanDraft } from "@/lib/validation/plan-version";
import { refineSampleResult, withoutBlankCloneFieldsOfOtherKinds, ZAdverseEventUpdate, ZSampleResultFields } from "@/lib/validation/safety";
import { ZChangeSubjectStatus, ZEnrolSubject } from "@/lib/validation/subject";
import { ZCreateUser } from "@/lib/validation/user";
import { ZRecordVisit } from "@/lib/validation/visit";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("inputFromFormData", () => {
  it("reads text, number, boolean and checkbox-group fields by the schema's shape", () => {
    const schema = z.object({ name: z.string().optional(), months: z.number().int(), surrogate: z.boolean(), ids: z.array(z.string()).default([]), note: z.string().trim().optional() });
    expect(inputFromFormData(schema, form([["name", "x"], ["months", "12"], ["surrogate", "on"], ["ids", "a"], ["ids", "b"], ["ignored", "y"]]))).toEqual({
      name: "x",
      months: 12,
      surrogate: true,
      ids: ["a", "b"],
    });
    expect(inputFromFormData(schema, form([["months", ""]]))).toEqual({ surrogate: false, ids: [] });
  });

  it("reads a superRefined schema (no checkbox ticked → an empty array)", () => {
    const input = inputFromFormData(ZCreateUser, form([["email", "a@b.test"], ["role", "INVESTIGATOR"]]));
    expect(input).toEqual({ email: "a@b.test", role: "INVESTIGATOR", siteIds: [] });
    expect(ZCreateUser.safeParse(input).error?.issues.map((i) => i.path.join("."))).toEqual(["name", "password"]);
  });

  it("reads structured fields from JSON, and leaves malformed JSON for the schema to refuse", () => {
    const plan = { durationMonths: 60, visits: [] };
    expect(inputFromFormData(ZUpdatePlanDraft, form([["id", "d1"], ["plan", JSON.stringify(plan)], ["justifications", "{}"]]))).toEqual({ id: "d1", plan, justifications: {} });
    const broken = inputFromFormData(ZUpdatePlanDraft, form([["id", "d1"], ["plan", "{not json"]]));
    expect(broken.plan).toBe("{not json");
    expect(ZUpdatePlanDraft.safeParse(broken).success).toBe(false);
  });

  it("reads a record from dotted names (the consent checklist's checkboxes, each after its hidden false); a foreign key is refused, naming the checklist", () => {
    const posted = form([["id", "c1"], ["checklist.purpose", "false"], ["checklist.purpose", "true"], ["checklist.procedures", "false"]]);
    expect(inputFromFormData(ZUpdateConsentChecklist, posted)).toEqual({ id: "c1", checklist: { purpose: true, procedures: false } });
    // The JSON field of a script still reads.
    expect(inputFromFormData(ZUpdateConsentChecklist, form([["id", "c1"], ["checklist", '{"purpose":true}']]))).toEqual({ id: "c1", checklist: { purpose: true } });
    const foreign = inputFromFormData(ZUpdateConsentChecklist, form([["id", "c1"], ["checklist.nonsense", "true"]]));
    expect(ZUpdateConsentChecklist.safeParse(foreign).error?.issues.map((i) => i.path.join("."))).toEqual(["checklist"]);
  });

  it("reads nested objects from dotted names, an empty optional text left out", () => {
    const input = inputFromFormData(
      ZEnrolSubject,
      form([["studyId", "st"], ["code", "S-1"], ["yearOfBirth", ""], ["confounders.lifeExpectancy", "reduced"], ["confounders.comorbidities", ""], ["confounders.priorTherapies", "CAR-T"]]),
    );
    expect(input).toEqual({ studyId: "st", code: "S-1", yearOfBirth: "", confounders: { lifeExpectancy: "reduced", priorTherapies: "CAR-T" } });
    // z.coerce reads the text: an empty year is refused by its bound, in a message the catalog knows
    expect(ZEnrolSubject.safeParse(input).error?.issues.find((i) => i.path[0] === "yearOfBirth")?.message).toBe("must be 1900 or later");
  });

  it("reads rows from indexed names, leaving out a row left empty, and the §2.3.2 checklist with its checkbox group", () => {
    const input = inputFromFormData(
      ZChangeSubjectStatus,
      form([["subjectId", "s1"], ["version", "2"], ["status", "lost_to_follow_up"], ["date", "2026-05-01"], ["reason", ""],
        ["contactAttempts[0].date", "2026-01-01"], ["contactAttempts[0].mode", "phone"], ["contactAttempts[0].outcome", "no answer"],
        ["contactAttempts[1].date", ""], ["contactAttempts[1].mode", " "], ["contactAttempts[1].outcome", ""],
        ["contactAttempts[2].date", "2026-02-01"], ["contactAttempts[2].mode", "letter"], ["contactAttempts[2].outcome", "returned"]]),
    );
    expect(input.contactAttempts).toEqual([{ date: "2026-01-01", mode: "phone", outcome: "no answer" }, { date: "2026-02-01", mode: "letter", outcome: "returned" }]);
    const parsed = ZChangeSubjectStatus.safeParse(input);
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["contactAttempts"]); // two dates, three needed
    expect(ZChangeSubjectStatus.safeParse({ ...input, status: "withdrawn" }).error?.issues.map((i) => i.message)).toEqual(["say why the subject withdrew"]); // blank reason is absent
    // The form posts every field (CSS shows what the status needs): another status's cause and attempts are dropped.
    const died = ZChangeSubjectStatus.safeParse({ ...input, status: "died", cause: "stroke" });
    expect(died.success && died.data).toMatchObject({ status: "died", cause: "stroke" });
    expect(died.data && "contactAttempts" in died.data).toBe(false);
    const completed = ZChangeSubjectStatus.safeParse({ ...input, status: "completed", cause: "typed, then hidden" });
    expect(completed.data && ("cause" in completed.data || "contactAttempts" in completed.data)).toBe(false);

    const visit = inputFromFormData(
      ZRecordVisit,
      form([["subjectId", "s1"], ["visitId", "M06"], ["planVersion", "1"], ["status", "completed"], ["date", "2026-05-01"], ["contactMode", "clinic"],
        ["assessments.history", "on"], ["assessments.drugExposure", "none"], ["assessments.newOrWorsenedDisease", "malignancy"], ["assessments.newOrWorsenedDisease", "infection"],
        ["assessments.labs", "on"], ["assessments.pregnancy", "not_applicable"], ["assessments.notes", ""]]),
    );
    expect(visit.unscheduled).toBe(false);
    expect(visit.assessments).toEqual({ history: true, drugExposure: "none", newOrWorsenedDisease: ["malignancy", "infection"], physicalExam: false, labs: true, pregnancy: "not_applicable" });
    expect(ZRecordVisit.safeParse(visit).data?.assessments?.newOrWorsenedDisease).toEqual([{ category: "malignancy" }, { category: "infection" }]);
  });

  it("reads the record form's yes/no answers: chosen → true / false; left unanswered (only the hidden empty input) → refused by name, as is an unchosen pregnancy answer", () => {
    const posted = (answers: [string, string][]) =>
      inputFromFormData(
        ZRecordVisit,
        form([["subjectId", "s1"], ["visitId", "M06"], ["status", "completed"], ["date", "2026-05-01"], ["contactMode", "clinic"],
          ["assessments.history", ""], ["assessments.drugExposure", "无"], ["assessments.physicalExam", ""], ["assessments.labs", ""], ...answers]),
      );
    const answered = posted([["assessments.history", "true"], ["assessments.physicalExam", "false"], ["assessments.labs", "true"], ["assessments.pregnancy", "none"]]);
    expect(ZRecordVisit.safeParse(answered).data?.assessments).toMatchObject({ history: true, physicalExam: false, labs: true, pregnancy: "none" });
    const unanswered = ZRecordVisit.safeParse(posted([["assessments.pregnancy", ""]]));
    expect(unanswered.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "assessments.history: answer yes or no",
      "assessments.physicalExam: answer yes or no",
      "assessments.labs: answer yes or no",
      "assessments.pregnancy: choose an answer",
    ]);
  });

  it("reads a missed visit posted with the form's (hidden) checklist: the checklist is dropped, the reason required", () => {
    const posted = (status: string, reason: string) =>
      inputFromFormData(
        ZRecordVisit,
        form([["subjectId", "s1"], ["visitId", "M06"], ["status", status], ["date", "2026-05-01"], ["contactMode", "clinic"],
          ["assessments.history", "on"], ["assessments.drugExposure", ""], ["assessments.pregnancy", "not_applicable"], ["assessments.notes", ""], ["reason", reason]]),
      );
    // The checklist is read by the schema's shape through the preprocess step…
    expect(posted("missed", "moved away").assessments).toMatchObject({ history: true, drugExposure: "" });
    // …and not validated for a missed visit (its empty drug exposure would be refused), nor kept.
    const missed = ZRecordVisit.safeParse(posted("missed", " moved away "));
    expect(missed.success).toBe(true);
    expect(missed.data).toMatchObject({ status: "missed", reason: "moved away" });
    expect(missed.data && "assessments" in missed.data).toBe(false);
    expect(ZRecordVisit.safeParse(posted("missed", "  ")).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "say why the visit was missed"]]);
    // A completed visit's checklist is still checked.
    expect(ZRecordVisit.safeParse(posted("completed", "")).error?.issues.map((i) => i.path.join("."))).toEqual(["assessments.drugExposure"]);
  });

  it("reads a sample result posted with the form's (hidden) clone fields: blank for another kind, dropped; ticked, refused by name", () => {
    const schema = z.preprocess(withoutBlankCloneFieldsOfOtherKinds, ZSampleResultFields.extend({ subjectId: z.string() })).superRefine(refineSampleResult);
    const posted = (kind: string, dominant: boolean) =>
      inputFromFormData(
        schema,
        form([["subjectId", "s1"], ["kind", kind], ["collectedDate", "2026-05-01"], ["sampleType", "peripheral_blood"], ["detected", "true"], ["value", "0.4"],
          ["dominantClone", "false"], ...(dominant ? [["dominantClone", "on"]] : []), ["clonalExpansion", "false"], ["nearOncogene", "false"], ["largestClonePercent", ""]] as [string, string][]),
      );
    const persistence = schema.safeParse(posted("persistence", false));
    expect(persistence.success).toBe(true);
    for (const field of ["dominantClone", "clonalExpansion", "nearOncogene", "largestClonePercent"]) expect(persistence.data && field in persistence.data).toBe(false);
    expect(schema.safeParse(posted("persistence", true)).error?.issues.map((i) => i.path.join("."))).toEqual(["dominantClone"]);
    expect(schema.safeParse(posted("clonality", false)).data).toMatchObject({ dominantClone: false, clonalExpansion: false, nearOncogene: false, largestClonePercent: null });
  });

  it("reads an empty nullable field as null, leaves an unsent optional checkbox out, and lets a checkbox after its hidden false win", () => {
    const schema = ZSampleResultFields.extend({ subjectId: z.string() });
    const input = inputFromFormData(schema, form([["subjectId", "s1"], ["kind", "clonality"], ["detected", "false"], ["value", ""], ["largestClonePercent", "31.5"], ["visitRecordId", ""], ["dominantClone", "false"], ["dominantClone", "on"], ["clonalExpansion", "false"]]));
    expect(input).toMatchObject({ detected: false, value: null, largestClonePercent: 31.5, visitRecordId: null, dominantClone: true, clonalExpansion: false, surrogate: false });
    expect("nearOncogene" in input).toBe(false);
    expect(inputFromFormData(ZAdverseEventUpdate, form([["version", "3"], ["reason", "follow-up"]]))).toEqual({ version: 3, reason: "follow-up" }); // "serious" is not changed
  });
});
