import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { profileOf } from "@/lib/rules/test-profiles";
import type { SampleResultFacts } from "@/lib/safety/evaluate-triggers";
import { buildSafetyEvents, type EscalationFacts, type SafetyEventsInput } from "@/lib/safety/safety-events";
import { addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { SAMPLE_RESULT_KINDS } from "@/lib/validation/safety";

const LENTI = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
const AAV = deriveRequirements(profileOf({ platform: "aav", route: "intravenous" }));

const day = (text: string) => parseCalendarDate(text)!;
const text = formatCalendarDate;
const arbDosing = fc.integer({ min: day("2018-01-01"), max: day("2030-12-31") });

/**
 * An independent reading of the contract: from `openedDate`, the integration-monitoring events
 * (plan visits and added events) leave no stretch over 3 months without one, until a later
 * negative integration-site, clonality or persistence result, the resolution, or — while
 * still running — the generation horizon (12 months past the later of asOf and followUpEnd).
 */
describe("property: the shortened interval leaves no gap over 3 months in integration monitoring while active", () => {
  const arbCase = fc
    .record({
      dosing: arbDosing,
      planOffsets: fc.uniqueArray(fc.integer({ min: 1, max: 72 }), { maxLength: 14 }),
      durationMonths: fc.constantFrom(60, 180),
      asOfDays: fc.integer({ min: 0, max: 4000 }),
      escalations: fc.array(
        fc.record({
          trigger: fc.constantFrom("clonal_expansion_or_oncogene_site" as const, "clonal_expansion_or_oncogene_site" as const, "dominant_clone" as const),
          openedFraction: fc.double({ min: 0, max: 1, noNaN: true }),
          resolvedAfterDays: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      results: fc.array(fc.record({ kind: fc.constantFrom(...SAMPLE_RESULT_KINDS), fraction: fc.double({ min: 0, max: 1, noNaN: true }), detected: fc.boolean() }), { maxLength: 5 }),
    })
    .map((c): SafetyEventsInput => {
      const asOf = c.dosing + c.asOfDays;
      const escalations: EscalationFacts[] = c.escalations.map((e, i) => {
        const opened = c.dosing + Math.floor(e.openedFraction * c.asOfDays);
        const resolved = e.resolvedAfterDays === undefined ? null : Math.min(opened + e.resolvedAfterDays, asOf);
        return { id: `e${i}`, trigger: e.trigger, openedDate: text(opened), dueDate: text(addMonths(opened, 3)), status: resolved === null ? "open" : "resolved", resolvedDate: resolved === null ? null : text(resolved) };
      });
      const results: SampleResultFacts[] = c.results.map((r, i) => ({ id: `r${i}`, kind: r.kind, collectedDate: text(c.dosing + Math.floor(r.fraction * c.asOfDays)), detected: r.detected }));
      return {
        dosingDate: text(c.dosing),
        followUpEnd: text(addMonths(c.dosing, c.durationMonths)),
        asOf: text(asOf),
        subject: { status: "active" },
        derivation: LENTI,
        planVisits: c.planOffsets.map((offset) => ({ targetDate: text(addMonths(c.dosing, offset)), activities: ["integration_monitoring"] })),
        escalations,
        results,
        records: [],
      };
    });

  it("holds for random plans, escalations, resolutions and results", () => {
    fc.assert(
      fc.property(arbCase, (input) => {
        const events = buildSafetyEvents(input);
        const targets = [...input.planVisits, ...events].filter((v) => v.activities.includes("integration_monitoring")).map((v) => day(v.targetDate));
        const horizon = addMonths(Math.max(day(input.asOf), day(input.followUpEnd)), 12);
        for (const escalation of input.escalations) {
          if (escalation.trigger !== "clonal_expansion_or_oncogene_site") continue;
          const opened = day(escalation.openedDate);
          let end = horizon;
          if (escalation.resolvedDate !== null) end = Math.min(end, day(escalation.resolvedDate));
          for (const r of input.results) {
            if (!r.detected && ["integration_site_analysis", "clonality", "persistence"].includes(r.kind) && r.collectedDate > escalation.openedDate) end = Math.min(end, day(r.collectedDate));
          }
          const inside = [...new Set(targets.filter((t) => t > opened && t <= end))].sort((a, b) => a - b);
          const sequence = [opened, ...inside];
          for (let i = 1; i < sequence.length; i++) {
            expect(sequence[i]!, `gap after ${text(sequence[i - 1]!)} (${escalation.id})`).toBeLessThanOrEqual(addMonths(sequence[i - 1]!, 3));
          }
          expect(end, `uncovered stretch before ${text(end)} (${escalation.id})`).toBeLessThanOrEqual(addMonths(sequence.at(-1)!, 3));
        }
        // No two rows share a visit id, and events only add: never before their escalation opened.
        expect(new Set(events.map((e) => e.visitId)).size).toBe(events.length);
        for (const event of events.filter((e) => e.source === "escalation")) {
          const owner = input.escalations.find((e) => e.id === event.escalationId)!;
          expect(event.targetDate > owner.openedDate).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("property: extension events stop after the first negative result", () => {
  const arbCase = fc
    .record({
      dosing: arbDosing,
      // Results before the period end (any), then after it: detected until the first negative, negative after.
      before: fc.array(fc.record({ monthsBeforeEnd: fc.integer({ min: 0, max: 50 }), detected: fc.boolean(), kind: fc.constantFrom("persistence" as const, "vector_copy_number" as const) }), { maxLength: 4 }),
      afterDays: fc.uniqueArray(fc.integer({ min: 0, max: 2500 }), { maxLength: 5 }),
      firstNegative: fc.nat(),
      asOfDaysAfterEnd: fc.integer({ min: 0, max: 3000 }),
    })
    .map((c) => {
      const end = addMonths(c.dosing, 60);
      const asOf = end + c.asOfDaysAfterEnd;
      const after = c.afterDays.filter((d) => end + d <= asOf).sort((a, b) => a - b);
      const cut = after.length === 0 ? 0 : c.firstNegative % (after.length + 1);
      const results: SampleResultFacts[] = [
        ...c.before.map((r, i) => ({ id: `b${i}`, kind: r.kind, collectedDate: text(addMonths(end, -r.monthsBeforeEnd)), detected: r.detected })),
        ...after.map((d, i) => ({ id: `a${i}`, kind: "persistence" as const, collectedDate: text(end + d), detected: i < cut })),
      ];
      const input: SafetyEventsInput = {
        dosingDate: text(c.dosing),
        followUpEnd: text(end),
        asOf: text(asOf),
        subject: { status: "active" },
        derivation: AAV,
        planVisits: [],
        escalations: [],
        results,
        records: [],
      };
      return { input, firstNegative: cut < after.length ? end + after[cut]! : null };
    });

  it("no extension event after the first negative result, and one each year before it while the latest result is detected", () => {
    fc.assert(
      fc.property(arbCase, ({ input, firstNegative }) => {
        const events = buildSafetyEvents(input);
        for (const event of events) {
          expect(event.source).toBe("extension");
          if (firstNegative !== null) expect(day(event.targetDate)).toBeLessThanOrEqual(firstNegative);
        }
        // Exactly the yearly dates whose latest earlier persistence / VCN result is detected.
        const sorted = input.results.map((r, i) => ({ r, i })).sort((a, b) => (a.r.collectedDate < b.r.collectedDate ? -1 : a.r.collectedDate > b.r.collectedDate ? 1 : a.i - b.i));
        const horizon = addMonths(day(input.asOf), 12);
        const expected: string[] = [];
        for (let k = 1; addMonths(day(input.dosingDate), 60 + 12 * k) <= horizon; k++) {
          const target = text(addMonths(day(input.dosingDate), 60 + 12 * k));
          const latest = sorted.filter(({ r }) => r.collectedDate < target).at(-1);
          if (latest?.r.detected) expected.push(target);
        }
        expect(events.map((e) => e.targetDate)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
