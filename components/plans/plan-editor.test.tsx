import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { PlanEditor } from "@/components/plans/plan-editor";
import type { FormAction } from "@/components/ui/form";
import { messagesFor } from "@/lib/i18n/catalogs";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { profileOf } from "@/lib/rules/test-profiles";
import { ZPlan, type TPlan } from "@/lib/validation/plan";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {}, push: () => {} }) }));

afterEach(cleanup);

const derivation = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
const suggested = ZPlan.parse(suggestPlan(derivation));

function editor(saveDraft: (input: { plan: TPlan }) => ReturnType<FormAction<unknown>>) {
  return (
    <I18nProvider locale="en" messages={messagesFor("en")}>
      <PlanEditor
        draft={{ id: "d1", version: 2, plan: suggested, justifications: {}, durationOverrideJustification: null }}
        derivation={derivation}
        actions={{ saveDraft: saveDraft as never, activate: async () => ({ ok: true, data: { version: 2 } }) }}
      />
    </I18nProvider>
  );
}

describe("plan editor (schedule of assessments)", () => {
  it("is disabled in the server's HTML: a cell ticked before hydration would never reach the saved plan", () => {
    const html = renderToString(editor(async () => ({ ok: true, data: null })));
    expect(html).toMatch(/<fieldset disabled="" [^>]*data-testid="plan-editor"/);
  });

  it("is enabled once hydrated, and the cells ticked reach the saved draft", async () => {
    const saved: TPlan[] = [];
    render(editor(async (input) => (saved.push(input.plan), { ok: true, data: null })));
    expect((screen.getByTestId("plan-editor") as HTMLFieldSetElement).disabled).toBe(false);
    const [first, second] = suggested.visits;
    const cell = (visit: string) => screen.getByRole("checkbox", { name: `Clinical follow-up visit at ${visit}` }) as HTMLInputElement;
    const before = [cell(first!.id).checked, cell(second!.id).checked];
    fireEvent.click(cell(first!.id));
    fireEvent.click(cell(second!.id));
    expect([cell(first!.id).checked, cell(second!.id).checked]).toEqual(before.map((checked) => !checked));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save draft" })));
    const has = (plan: TPlan, index: number) => plan.visits[index]!.activities.some((a) => a.kind === "clinical_visit");
    expect([has(saved[0]!, 0), has(saved[0]!, 1)]).toEqual(before.map((checked) => !checked));
  });
});
