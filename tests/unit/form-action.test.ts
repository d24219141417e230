import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/auth/action";
import { guardOf, markGuarded } from "@/lib/auth/guarded";
import { formCapable, isFormCapable } from "@/lib/forms/form-action";

/**
 * A form posted without JavaScript calls the page's server action with (previous state,
 * FormData) and renders the page with what it returns; called with one argument it is the
 * guarded action itself (lib/forms/form-action.ts).
 */
describe("formCapable", () => {
  function fakeAction(result: ActionResult<{ id: string }>) {
    const calls: unknown[] = [];
    const action = markGuarded(async (input: { code: string } | FormData) => {
      calls.push(input);
      return result;
    }, "site:manage");
    return { action, calls };
  }
  const formData = () => {
    const data = new FormData();
    data.set("code", "SH-01");
    return data;
  };

  it("is the action itself with one argument, keeping its guard", async () => {
    const { action, calls } = fakeAction({ ok: true, data: { id: "s1" } });
    const capable = formCapable(action);
    expect(guardOf(capable)).toBe("site:manage");
    expect(isFormCapable(capable)).toBe(true);
    expect(isFormCapable(action)).toBe(false);
    expect(await capable({ code: "SH-01" })).toEqual({ ok: true, data: { id: "s1" } });
    expect(calls).toEqual([{ code: "SH-01" }]);
  });

  it("answers (previous state, FormData) with the next form state, the action getting the FormData", async () => {
    const saved = fakeAction({ ok: true, data: { id: "s1" } });
    const data = formData();
    expect(await formCapable(saved.action)({ phase: "idle", submission: 0 }, data)).toEqual({ phase: "saved", submission: 1, data: { id: "s1" } });
    expect(saved.calls).toEqual([data]);
    const refused = fakeAction({ ok: false, error: { code: "bad_request", message: "code: taken", field: "code" } });
    expect(await formCapable(refused.action)({ phase: "refused", submission: 4, failure: { code: "conflict", message: "x" } }, formData())).toEqual({
      phase: "refused",
      submission: 5,
      failure: { code: "bad_request", message: "code: taken", field: "code" },
    });
  });

  it("does not trust the previous state the browser sends, and refuses a second argument that is not a form", async () => {
    const { action, calls } = fakeAction({ ok: true, data: { id: "s1" } });
    const capable = formCapable(action) as unknown as (a: unknown, b: unknown) => Promise<{ submission: number; phase: string }>;
    for (const previous of [{ submission: "9" }, { submission: -1 }, { submission: 1e12 }, "x", null]) {
      expect((await capable(previous, formData())).submission).toBe(1);
    }
    expect(await capable({ submission: 0 }, { code: "SH-01" })).toMatchObject({ phase: "refused", failure: { code: "bad_request" } });
    expect(calls).toHaveLength(5);
  });

  it("refuses to wrap an unguarded function", () => {
    expect(() => formCapable(async () => ({ ok: true as const, data: null }))).toThrow(/not guarded/);
  });

  it("answers a Chinese reader's form in Chinese: the field messages are translated on the server", async () => {
    const { action } = fakeAction({ ok: false, error: { code: "bad_request", message: "code: letters, digits, - and _ only", field: "code", fieldErrors: [{ field: "code", message: "letters, digits, - and _ only" }] } });
    const zh = formCapable(action, async () => "zh-CN");
    expect(await zh({ phase: "idle", submission: 0 }, formData())).toMatchObject({ phase: "refused", failure: { fieldErrors: [{ field: "code", message: "只能包含字母、数字、- 和 _" }] } });
    const en = formCapable(action, async () => "en");
    expect(await en({ phase: "idle", submission: 0 }, formData())).toMatchObject({ phase: "refused", failure: { fieldErrors: [{ field: "code", message: "letters, digits, - and _ only" }] } });
  });
});
