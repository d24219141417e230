import { describe, expect, it } from "vitest";
import { markGuarded } from "@/lib/auth/guarded";
import { submitForm } from "@/lib/forms/submit-form";

/**
 * The server end of a form posted without JavaScript runs only a guarded server action (made by
 * defineAction, which checks session, permission and input): a browser may post any server
 * reference as its first bound argument, so anything else is refused without being called.
 */
describe("submitForm (lib/forms/submit-form.ts)", () => {
  const formData = () => {
    const data = new FormData();
    data.set("code", "SH-01");
    return data;
  };

  it("runs a guarded action with the form's data and numbers the submission", async () => {
    let received: FormData | null = null;
    const action = markGuarded(async (input: FormData) => {
      received = input;
      return { ok: true as const, data: { id: "s1" } };
    }, "site:manage");
    expect(await submitForm(action, { phase: "idle", submission: 0 }, formData())).toEqual({ phase: "saved", submission: 1, data: { id: "s1" } });
    expect((received as FormData | null)?.get("code")).toBe("SH-01");
    const refused = markGuarded(async () => ({ ok: false as const, error: { code: "bad_request" as const, message: "code: taken", field: "code" } }), "site:manage");
    expect(await submitForm(refused, { phase: "saved", submission: 4 }, formData())).toEqual({ phase: "refused", submission: 5, failure: { code: "bad_request", message: "code: taken", field: "code" } });
  });

  it("refuses an unguarded function, a non-function and a body that is not a form, without calling anything", async () => {
    let called = false;
    const unguarded = async () => {
      called = true;
      return { ok: true as const, data: null };
    };
    for (const [action, body] of [
      [unguarded, formData()],
      ["enrolSubjectAction", formData()],
      [markGuarded(async () => unguarded(), "site:manage"), { code: "SH-01" }],
    ] as const) {
      const state = await submitForm(action, null, body);
      expect(state).toMatchObject({ phase: "refused", submission: 1, failure: { code: "bad_request" } });
    }
    expect(called).toBe(false);
  });

  it("does not trust the previous state the browser sends", async () => {
    const action = markGuarded(async () => ({ ok: true as const, data: null }), "site:manage");
    for (const previous of [{ submission: "9" }, { submission: -1 }, { submission: 1e12 }, "x", undefined]) {
      expect((await submitForm(action, previous, formData())).submission).toBe(1);
    }
  });

  it("ends a thrown action as a refusal that says nothing was saved", async () => {
    const action = markGuarded(async () => {
      throw new Error("database is down");
    }, "site:manage");
    const errors = console.error;
    console.error = () => {};
    try {
      expect(await submitForm(action, null, formData())).toMatchObject({ phase: "refused", failure: { code: "internal" } });
    } finally {
      console.error = errors;
    }
  });
});
