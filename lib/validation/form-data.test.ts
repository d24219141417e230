import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inputFromFormData } from "@/lib/validation/form-data";
import { ZUpdatePlanDraft } from "@/lib/validation/plan-version";
import { ZCreateUser } from "@/lib/validation/user";

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
});
