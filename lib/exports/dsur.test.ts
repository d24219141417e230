import { describe, expect, it } from "vitest";
import { buildDsurReport, renderDsurCsv, type DsurInput } from "@/lib/exports/dsur";
import { ADVERSE_EVENTS, CONSENT_VERSIONS, ESCALATIONS, PLAN_VERSIONS, SCHEDULED_VISITS, STUDY, SUBJECTS, VISIT_RECORDS } from "@/lib/exports/test-fixtures";

const input = (from: string, to: string, overdueVisitsAtEnd: number): DsurInput => ({
  study: STUDY,
  period: { from, to },
  subjects: SUBJECTS,
  visitRecords: VISIT_RECORDS,
  overdueVisitsAtEnd,
  adverseEvents: ADVERSE_EVENTS,
  malignancies: ADVERSE_EVENTS.filter((event) => event.category === "malignancy"),
  escalations: ESCALATIONS,
  planVersions: PLAN_VERSIONS,
  consentVersions: CONSENT_VERSIONS,
});

const zeroCategories = { malignancy: { total: 0, serious: 0 }, neurological: { total: 0, serious: 0 }, immunogenic_autoimmune: { total: 0, serious: 0 }, infection: { total: 0, serious: 0 }, haematological: { total: 0, serious: 0 }, other: { total: 0, serious: 0 } };
const zeroTriggers = { vector_positive_above_expected: 0, dominant_clone: 0, clonal_expansion_or_oncogene_site: 0, rcl_rcr_suspected_ae: 0, suspected_related_ae: 0, persistence_at_period_end: 0 };

describe("DSUR LTFU section", () => {
  it("2025: a death, a loss to follow-up, a missed visit, a malignancy, both amendments", () => {
    expect(buildDsurReport(input("2025-01-01", "2025-12-31", SCHEDULED_VISITS.filter((visit) => visit.status === "overdue").length))).toEqual({
      study: { id: "st1", code: "LV-001-LTFU", name: "LV-001 long-term follow-up" },
      period: { from: "2025-01-01", to: "2025-12-31" },
      subjects: { inLtfu: 3, enrolled: 1, completed: 0, withdrawn: 0, lost_to_follow_up: 1, died: 1 },
      visits: { completed: 0, missed: 1, unscheduled: 0, overdue: 2 },
      adverseEvents: {
        total: 3,
        serious: 2,
        byCategory: { ...zeroCategories, malignancy: { total: 1, serious: 1 }, infection: { total: 2, serious: 1 } },
      },
      malignancies: [
        { subjectCode: "SH01-001", siteCode: "SH-01", term: "T-cell lymphoma", onsetDate: "2025-03-02", serious: true, grade: 3, relatedness: "possible", outcome: "not_recovered" },
      ],
      escalations: { opened: 1, byTrigger: { ...zeroTriggers, suspected_related_ae: 1 } },
      amendments: {
        plan: [{ version: 2, effectiveDate: "2025-06-01", reason: "Integration monitoring every 6 months after a dominant clone in another study" }],
        consent: [{ version: 2, effectiveDate: "2025-07-01", title: "ICF v2: new risk of insertional oncogenesis" }],
      },
      // From the start of follow-up to 2025-12-31: sub3 lost and sub2 died, so sub1 alone is followed at the end.
      cumulative: {
        subjects: { inLtfuAtEnd: 1, enrolled: 3, completed: 0, withdrawn: 0, lost_to_follow_up: 1, died: 1 },
        visits: { completed: 1, missed: 1, unscheduled: 1, overdue: 2 },
        adverseEvents: { total: 4, serious: 3, byCategory: { ...zeroCategories, malignancy: { total: 2, serious: 2 }, infection: { total: 2, serious: 1 } } },
        malignancies: 2,
        escalations: { opened: 4, byTrigger: { ...zeroTriggers, dominant_clone: 1, suspected_related_ae: 2, rcl_rcr_suspected_ae: 1 } },
      },
    });
  });

  it("2024: the subject dosed in 2025 is not yet in follow-up; first versions are not amendments", () => {
    expect(buildDsurReport(input("2024-01-01", "2024-12-31", 1))).toEqual({
      study: STUDY,
      period: { from: "2024-01-01", to: "2024-12-31" },
      subjects: { inLtfu: 2, enrolled: 1, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 },
      visits: { completed: 1, missed: 0, unscheduled: 1, overdue: 1 },
      adverseEvents: { total: 1, serious: 1, byCategory: { ...zeroCategories, malignancy: { total: 1, serious: 1 } } },
      malignancies: [
        { subjectCode: "BJ02-001", siteCode: "BJ-02", term: "Myelodysplastic syndrome", onsetDate: "2024-11-05", serious: true, grade: 3, relatedness: "probable", outcome: "recovering" },
      ],
      escalations: { opened: 3, byTrigger: { ...zeroTriggers, dominant_clone: 1, suspected_related_ae: 1, rcl_rcr_suspected_ae: 1 } },
      amendments: { plan: [], consent: [] },
      // sub3 is lost only in 2025: at the end of 2024 both dosed subjects are still followed.
      cumulative: {
        subjects: { inLtfuAtEnd: 2, enrolled: 2, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 },
        visits: { completed: 1, missed: 0, unscheduled: 1, overdue: 1 },
        adverseEvents: { total: 1, serious: 1, byCategory: { ...zeroCategories, malignancy: { total: 1, serious: 1 } } },
        malignancies: 1,
        escalations: { opened: 3, byTrigger: { ...zeroTriggers, dominant_clone: 1, suspected_related_ae: 1, rcl_rcr_suspected_ae: 1 } },
      },
    });
  });

  it("period bounds are inclusive on both ends", () => {
    const onFrom = buildDsurReport(input("2025-09-30", "2025-09-30", 0));
    expect(onFrom.subjects).toEqual({ inLtfu: 2, enrolled: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 1 });
    const dayAfterLoss = buildDsurReport(input("2025-04-02", "2025-04-30", 0));
    expect(dayAfterLoss.subjects.inLtfu).toBe(2);
    expect(dayAfterLoss.subjects.lost_to_follow_up).toBe(0);
    // Lost on 2025-04-01: still followed at the end of that day's period, no longer the day after.
    expect(buildDsurReport(input("2025-01-01", "2025-03-31", 0)).cumulative.subjects).toEqual({ inLtfuAtEnd: 3, enrolled: 3, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 });
    expect(buildDsurReport(input("2025-01-01", "2025-04-01", 0)).cumulative.subjects).toEqual({ inLtfuAtEnd: 2, enrolled: 3, completed: 0, withdrawn: 0, lost_to_follow_up: 1, died: 0 });
  });

  it("rows grouped with a count weigh as that many rows; rows after the period's end are ignored", () => {
    const report = buildDsurReport({
      ...input("2025-01-01", "2025-12-31", 0),
      subjects: [{ dosingDate: "2024-01-01", status: "active", statusDate: null, count: 40_000 }, { dosingDate: "2026-01-01", status: "active", statusDate: null, count: 7 }],
      visitRecords: [{ status: "completed", date: "2024-06-01", unscheduled: false, count: 1000 }, { status: "completed", date: "2025-06-01", unscheduled: false, count: 250 }, { status: "missed", date: "2026-01-01", unscheduled: false, count: 9 }],
      adverseEvents: [{ onsetDate: "2025-02-01", category: "neurological", serious: true, count: 3 }, { onsetDate: "2026-02-01", category: "neurological", serious: true, count: 5 }],
      malignancies: [],
      escalations: [{ trigger: "dominant_clone", openedDate: "2023-02-01", count: 2 }],
    });
    expect(report.subjects.inLtfu).toBe(40_000);
    expect(report.cumulative.subjects.enrolled).toBe(40_000);
    expect(report.visits.completed).toBe(250);
    expect(report.cumulative.visits).toEqual({ completed: 1250, missed: 0, unscheduled: 0, overdue: 0 });
    expect(report.adverseEvents.byCategory.neurological).toEqual({ total: 3, serious: 3 });
    expect(report.cumulative.adverseEvents.total).toBe(3);
    expect(report.escalations.opened).toBe(0);
    expect(report.cumulative.escalations.byTrigger.dominant_clone).toBe(2);
  });

  it("CSV: the same numbers in long format (section, item, count, date, subjectCode, detail, cumulative)", async () => {
    const csv = await renderDsurCsv(buildDsurReport(input("2025-01-01", "2025-12-31", SCHEDULED_VISITS.filter((visit) => visit.status === "overdue").length)));
    expect(csv.split("\r\n")).toEqual([
      "\uFEFFsection,item,count,date,subjectCode,detail,cumulative",
      "study,LV-001-LTFU,,,,LV-001 long-term follow-up,",
      "period,from,,2025-01-01,,,",
      "period,to,,2025-12-31,,,",
      "subjects,inLtfu,3,,,,",
      "subjects,enrolled,1,,,,3",
      "subjects,completed,0,,,,0",
      "subjects,withdrawn,0,,,,0",
      "subjects,lost_to_follow_up,1,,,,1",
      "subjects,died,1,,,,1",
      "subjects,inLtfuAtEnd,,,,,1",
      "visits,completed,0,,,,1",
      "visits,missed,1,,,,1",
      "visits,unscheduled,0,,,,1",
      "visits,overdue,2,,,,2",
      "adverse_events,total,3,,,,4",
      "adverse_events,serious,2,,,,3",
      "adverse_events_by_category,malignancy,1,,,,2",
      "adverse_events_by_category,neurological,0,,,,0",
      "adverse_events_by_category,immunogenic_autoimmune,0,,,,0",
      "adverse_events_by_category,infection,2,,,,2",
      "adverse_events_by_category,haematological,0,,,,0",
      "adverse_events_by_category,other,0,,,,0",
      "serious_adverse_events_by_category,malignancy,1,,,,2",
      "serious_adverse_events_by_category,neurological,0,,,,0",
      "serious_adverse_events_by_category,immunogenic_autoimmune,0,,,,0",
      "serious_adverse_events_by_category,infection,1,,,,1",
      "serious_adverse_events_by_category,haematological,0,,,,0",
      "serious_adverse_events_by_category,other,0,,,,0",
      "malignancies_count,total,1,,,,2",
      "malignancies,T-cell lymphoma,,2025-03-02,SH01-001,site=SH-01; serious=true; grade=3; relatedness=possible; outcome=not_recovered,",
      "escalations_opened,total,1,,,,4",
      "escalations_opened_by_trigger,vector_positive_above_expected,0,,,,0",
      "escalations_opened_by_trigger,dominant_clone,0,,,,1",
      "escalations_opened_by_trigger,clonal_expansion_or_oncogene_site,0,,,,0",
      "escalations_opened_by_trigger,rcl_rcr_suspected_ae,0,,,,1",
      "escalations_opened_by_trigger,suspected_related_ae,1,,,,2",
      "escalations_opened_by_trigger,persistence_at_period_end,0,,,,0",
      "plan_amendments,v2,,2025-06-01,,Integration monitoring every 6 months after a dominant clone in another study,",
      "consent_amendments,v2,,2025-07-01,,ICF v2: new risk of insertional oncogenesis,",
      "",
    ]);
  });
});
