import { cleanup, render, screen, within } from "@testing-library/react";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import type { QueryActions } from "@/components/monitoring/action-props";
import type { QueryContext, QueryPermissions } from "@/components/monitoring/record-queries";
import { SubjectSafety } from "@/components/safety/subject-safety";
import type { SafetyActions } from "@/components/safety/action-props";
import type { QueryRow } from "@/lib/db/queries";
import type { AdverseEventRow, SampleResultRow } from "@/lib/db/safety";
import { messagesFor } from "@/lib/i18n/catalogs";
import { createTranslator } from "@/lib/i18n/translate";

afterEach(cleanup);

const t = createTranslator(messagesFor("en"));
const TODAY = "2026-11-20";
/** Local noon `days` before TODAY: ages are whole calendar days in server time. */
const daysAgo = (days: number) => new Date(2026, 10, 20 - days, 12, 0, 0);

const tenancy = { organizationId: "org", studyId: "study", siteId: "site", subjectId: "subj", createdById: "u", createdAt: daysAgo(60), updatedAt: daysAgo(60), version: 1 };
const adverseEvents = [
  { ...tenancy, id: "ae-1", term: "Anaemia", onsetDate: new Date("2026-09-01"), grade: 2, serious: false, seriousnessCriteria: [], category: "haematological", relatedness: "unlikely", outcome: "recovered", possibleRcl: false },
  { ...tenancy, id: "ae-2", term: "Headache", onsetDate: new Date("2026-09-10"), grade: 1, serious: false, seriousnessCriteria: [], category: "other", relatedness: "unrelated", outcome: "recovered", possibleRcl: false },
] as unknown as AdverseEventRow[];
const results = [
  { ...tenancy, id: "res-1", kind: "persistence", collectedDate: new Date("2026-09-05"), sampleType: "peripheral_blood", surrogate: false, detected: true, value: 1.5, unit: "copies/µg", largestClonePercent: null, dominantClone: false, clonalExpansion: false, nearOncogene: false },
] as unknown as SampleResultRow[];

function query(id: string, targetType: string, targetId: string, status: string, createdAt: Date, text: string): QueryRow {
  return {
    id, organizationId: "org", studyId: "study", siteId: "site", subjectId: "subj", targetType, targetId, targetLabel: targetId, status, raisedById: "m", version: 1, createdAt, updatedAt: createdAt, answeredAt: null, closedAt: null,
    messages: [{ id: `${id}-m`, kind: "raise", text, authorId: "m", authorName: "Mona Monitor", authorRole: "MONITOR", createdAt }],
  };
}

const queries = [
  query("q-ae-open", "adverse_event", "ae-1", "open", daysAgo(3), "Outcome date?"),
  query("q-ae-closed", "adverse_event", "ae-1", "closed", daysAgo(20), "Grade?"),
  query("q-res-answered", "sample_result", "res-1", "answered", daysAgo(7), "Which lab?"),
  query("q-visit", "visit", "rec-1", "open", daysAgo(1), "Contact mode?"),
];

const never = async () => ({ ok: true as const, data: { id: "x", subjectId: "subj", status: "open" } });
const queryActions = { raise: never, answer: never, close: never, reopen: never } as unknown as QueryActions;
const safetyActions = {} as SafetyActions;
const router = { back() {}, forward() {}, refresh() {}, push() {}, replace() {}, prefetch() {} };

function renderSafety(can: QueryPermissions, locale: "en" | "zh-CN" = "en", canRecord = false) {
  const context: QueryContext = { queries, subjectId: "subj", today: TODAY, can, actions: queryActions };
  const wrap = (children: ReactNode) => (
    <AppRouterContext.Provider value={router as never}>
      <I18nProvider locale={locale} messages={messagesFor(locale)}>
        {children}
      </I18nProvider>
    </AppRouterContext.Provider>
  );
  return render(
    wrap(
      <SubjectSafety subjectId="subj" dosingDate="2024-01-01" followUpEnd={null} today={TODAY} adverseEvents={adverseEvents} results={results} escalations={[]} canRecord={canRecord} visits={[]} actions={safetyActions} queries={context} t={locale === "en" ? t : createTranslator(messagesFor(locale))} />,
    ),
  );
}

const rowOf = (testId: string, text: string) => screen.getAllByTestId(testId).find((row) => row.textContent?.includes(text))!;

describe("SubjectSafety rows show the queries on each record", () => {
  it("shows each AE's and result's pending queries with their age, and nothing of another record", () => {
    renderSafety({ raise: false, answer: false, close: false });
    const anaemia = within(rowOf("adverse-event-row", "Anaemia"));
    const pending = anaemia.getAllByTestId("row-query");
    expect(pending).toHaveLength(1); // the closed one is in the conversation, not pending
    expect(pending[0]!.textContent).toContain("Open");
    expect(pending[0]!.textContent).toContain("3 day(s) old");
    expect(anaemia.getByText("Outcome date?")).toBeTruthy();
    expect(anaemia.getByText("Grade?")).toBeTruthy();
    expect(anaemia.queryByText("Contact mode?")).toBeNull();

    const headache = within(rowOf("adverse-event-row", "Headache"));
    expect(headache.queryAllByTestId("row-query")).toHaveLength(0);
    expect(headache.queryByTestId("row-queries")).toBeNull();

    const result = within(screen.getAllByTestId("sample-result-row")[0]!);
    const resultPending = result.getAllByTestId("row-query");
    expect(resultPending).toHaveLength(1);
    expect(resultPending[0]!.textContent).toContain("Answered");
    expect(resultPending[0]!.textContent).toContain("7 day(s) old");
    expect(result.queryByText("Outcome date?")).toBeNull();
    // A reader without query permissions gets no form.
    expect(screen.queryAllByRole("form")).toHaveLength(0);
  });

  it("lets a monitor raise a query from the row, its target preset, and close the answered one there", () => {
    renderSafety({ raise: true, answer: false, close: true });
    const headache = within(rowOf("adverse-event-row", "Headache"));
    const form = headache.getByTestId("raise-query-form");
    expect(within(form).getByTestId("query-fixed-target").textContent).toContain("Adverse event: Headache (2026-09-10)");
    expect(within(form).queryByLabelText("About")).toBeNull();
    const result = within(screen.getAllByTestId("sample-result-row")[0]!);
    expect(result.getByTestId("query-close-form")).toBeTruthy();
    expect(result.queryByTestId("query-answer-form")).toBeNull();
  });

  it("lets the site's investigator answer an open query from the row", () => {
    renderSafety({ raise: false, answer: true, close: false });
    const anaemia = within(rowOf("adverse-event-row", "Anaemia"));
    expect(anaemia.getByTestId("query-answer-form")).toBeTruthy();
    expect(anaemia.queryByTestId("raise-query-form")).toBeNull();
    expect(within(rowOf("adverse-event-row", "Headache")).queryByTestId("query-answer-form")).toBeNull();
  });
});

describe("SubjectSafety speaks the reader's language", () => {
  it("shows a result's sample type and the form's sample types as words, not codes", () => {
    renderSafety({ raise: false, answer: false, close: false }, "zh-CN", true);
    const result = screen.getAllByTestId("sample-result-row")[0]!;
    expect(result.textContent).toContain("外周血");
    expect(result.textContent).not.toContain("peripheral_blood");
    const select = screen.getByLabelText("样本类型") as HTMLSelectElement;
    expect(select.tagName).toBe("SELECT");
    expect(select.value).toBe("peripheral_blood");
    expect([...select.options].map((o) => o.textContent)).toContain("骨髓");
  });
});
