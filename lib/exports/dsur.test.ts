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
    });
  });

  it("period bounds are inclusive on both ends", () => {
    const onFrom = buildDsurReport(input("2025-09-30", "2025-09-30", 0));
    expect(onFrom.subjects).toEqual({ inLtfu: 2, enrolled: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 1 });
    const dayAfterLoss = buildDsurReport(input("2025-04-02", "2025-04-30", 0));
    expect(dayAfterLoss.subjects.inLtfu).toBe(2);
    expect(dayAfterLoss.subjects.lost_to_follow_up).toBe(0);
  });

  it("CSV: the same numbers in long format (section, item, count, date, subjectCode, detail)", async () => {
    const csv = await renderDsurCsv(buildDsurReport(input("2025-01-01", "2025-12-31", SCHEDULED_VISITS.filter((visit) => visit.status === "overdue").length)));
    expect(csv.split("\r\n")).toEqual([
      "\uFEFFsection,item,count,date,subjectCode,detail",
      "study,LV-001-LTFU,,,,LV-001 long-term follow-up",
      "period,from,,2025-01-01,,",
      "period,to,,2025-12-31,,",
      "subjects,inLtfu,3,,,",
      "subjects,enrolled,1,,,",
      "subjects,completed,0,,,",
      "subjects,withdrawn,0,,,",
      "subjects,lost_to_follow_up,1,,,",
      "subjects,died,1,,,",
      "visits,completed,0,,,",
      "visits,missed,1,,,",
      "visits,unscheduled,0,,,",
      "visits,overdue,2,,,",
      "adverse_events,total,3,,,",
      "adverse_events,serious,2,,,",
      "adverse_events_by_category,malignancy,1,,,",
      "adverse_events_by_category,neurological,0,,,",
      "adverse_events_by_category,immunogenic_autoimmune,0,,,",
      "adverse_events_by_category,infection,2,,,",
      "adverse_events_by_category,haematological,0,,,",
      "adverse_events_by_category,other,0,,,",
      "serious_adverse_events_by_category,malignancy,1,,,",
      "serious_adverse_events_by_category,neurological,0,,,",
      "serious_adverse_events_by_category,immunogenic_autoimmune,0,,,",
      "serious_adverse_events_by_category,infection,1,,,",
      "serious_adverse_events_by_category,haematological,0,,,",
      "serious_adverse_events_by_category,other,0,,,",
      "malignancies,T-cell lymphoma,,2025-03-02,SH01-001,site=SH-01; serious=true; grade=3; relatedness=possible; outcome=not_recovered",
      "escalations_opened,total,1,,,",
      "escalations_opened_by_trigger,vector_positive_above_expected,0,,,",
      "escalations_opened_by_trigger,dominant_clone,0,,,",
      "escalations_opened_by_trigger,clonal_expansion_or_oncogene_site,0,,,",
      "escalations_opened_by_trigger,rcl_rcr_suspected_ae,0,,,",
      "escalations_opened_by_trigger,suspected_related_ae,1,,,",
      "escalations_opened_by_trigger,persistence_at_period_end,0,,,",
      "plan_amendments,v2,,2025-06-01,,Integration monitoring every 6 months after a dominant clone in another study",
      "consent_amendments,v2,,2025-07-01,,ICF v2: new risk of insertional oncogenesis",
      "",
    ]);
  });
});
