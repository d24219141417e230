import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readStreamText } from "@/lib/exports/csv";
import { odmStream, type OdmInput, type OdmSubjectBundle } from "@/lib/exports/odm";
import { ADVERSE_EVENTS, AUDIT_ENTRIES, ESCALATIONS, PLAN_VERSIONS, SAMPLE_RESULTS, SITES, STUDY, SUBJECTS, USERS, VISIT_RECORDS, VOIDED_SIGNATURES } from "@/lib/exports/test-fixtures";
import { ODM_SCHEMA, validateOdm, xpathString } from "@/tests/odm-schema";

const bundles: OdmSubjectBundle[] = SUBJECTS.map((subject) => {
  const visitRecords = VISIT_RECORDS.filter((r) => r.subjectId === subject.id);
  const adverseEvents = ADVERSE_EVENTS.filter((a) => a.subjectId === subject.id);
  const sampleResults = SAMPLE_RESULTS.filter((r) => r.subjectId === subject.id);
  const escalations = ESCALATIONS.filter((e) => e.subjectId === subject.id);
  const voidedSignatures = VOIDED_SIGNATURES.filter((v) => v.subjectId === subject.id);
  const ids = new Set([subject.id, ...visitRecords.map((r) => r.id), ...adverseEvents.map((a) => a.id), ...sampleResults.map((r) => r.id), ...escalations.map((e) => e.id), ...voidedSignatures.map((v) => v.id)]);
  return { subject, visitRecords, adverseEvents, sampleResults, escalations, voidedSignatures, auditEntries: AUDIT_ENTRIES.filter((e) => ids.has(e.entityId)) };
});

const input = (overrides: Partial<OdmInput> = {}): OdmInput => ({
  study: STUDY,
  sites: SITES,
  users: USERS,
  planVersions: PLAN_VERSIONS,
  generatedAt: "2025-12-31T23:00:00.000Z",
  fileOid: "F.st1.20251231T230000Z",
  subjects: bundles,
  auditTrail: AUDIT_ENTRIES,
  voidedSignatures: VOIDED_SIGNATURES,
  ...overrides,
});

const render = (overrides: Partial<OdmInput> = {}) => readStreamText(odmStream(input(overrides)));
const count = (xml: string, expression: string) => Number(xpathString(xml, `count(${expression})`));
const el = (name: string) => `*[local-name()='${name}']`;

describe("CDISC ODM 1.3.2 export", () => {
  it("is valid against the official schema (xmllint --schema)", async () => {
    const xml = await render();
    const verdict = validateOdm(xml);
    expect(verdict.messages).toContain("validates");
    expect(verdict.valid).toBe(true);
  });

  it("the validation can fail: a document missing required content is refused", async () => {
    const xml = (await render()).replace(/<SignatureRef [^>]*\/>\n/, "");
    const verdict = validateOdm(xml);
    expect(verdict.valid).toBe(false);
    expect(verdict.messages).toMatch(/SignatureRef|DateTimeStamp/);
  });

  it("carries the schedule as StudyEventDefs with the visit id in the OID and offsets and windows as aliases", async () => {
    const xml = await render();
    const scheduled = xpathString(xml, `//${el("StudyEventDef")}[@Type='Scheduled'][1]/@OID`);
    expect(scheduled).toBe("SE.P1.M06");
    expect(count(xml, `//${el("StudyEventDef")}[@Type='Scheduled']`)).toBe(4);
    const m18 = `//${el("StudyEventDef")}[@OID='SE.P2.M18']`;
    const alias = (context: string) => xpathString(xml, `${m18}/${el("Alias")}[@Context='${context}']/@Name`);
    expect(alias("LTFU:offsetMonths")).toBe("18");
    expect(alias("LTFU:windowDaysBefore")).toBe("30");
    expect(alias("LTFU:windowDaysAfter")).toBe("30");
    expect(alias("LTFU:contactMode")).toBe("phone");
    expect(alias("LTFU:planEffectiveDate")).toBe("2025-06-01");
    expect(xpathString(xml, `//${el("StudyEventDef")}[@OID='SE.P1.M06']/${el("Alias")}[@Context='LTFU:sampleType:integration_monitoring']/@Name`)).toBe("peripheral_blood");
    expect(count(xml, `//${el("FormDef")}`)).toBe(5);
    expect(count(xml, `//${el("ItemDef")}[starts-with(@OID,'I.AE.')]`)).toBe(11);
  });

  it("one SubjectData per subject keyed by the subject code, with its site and records", async () => {
    const xml = await render();
    expect(count(xml, `//${el("SubjectData")}`)).toBe(3);
    expect(xpathString(xml, `//${el("SubjectData")}[3]/@SubjectKey`)).toBe("BJ02-001");
    expect(xpathString(xml, `//${el("SubjectData")}[@SubjectKey='BJ02-001']/${el("SiteRef")}/@LocationOID`)).toBe("L.site-bj");
    const sh1 = `//${el("SubjectData")}[@SubjectKey='SH01-001']`;
    expect(xpathString(xml, `${sh1}/${el("StudyEventData")}[2]/@StudyEventOID`)).toBe("SE.P1.M06");
    expect(xpathString(xml, `${sh1}//${el("ItemData")}[@ItemOID='I.SUBJECT.DOSING_DATE']/@Value`)).toBe("2024-02-29");
    // A line break in a value survives the attribute (written as &#10;).
    expect(xpathString(xml, `${sh1}//${el("ItemData")}[@ItemOID='I.VISIT.REASON']/@Value`)).toBe("subject travelling\nback in May");
    expect(xpathString(xml, `//${el("SubjectData")}[@SubjectKey='BJ02-001']/${el("StudyEventData")}[@StudyEventOID='SE.UNSCHEDULED']/@StudyEventRepeatKey`)).toBe("U01");
    expect(xpathString(xml, `//${el("FormData")}[@FormOID='F.AE'][@FormRepeatKey='ae2']//${el("ItemData")}[@ItemOID='I.AE.TERM']/@Value`)).toBe("带状疱疹");
    expect(count(xml, `//${el("FormData")}[@FormOID='F.SAMPLE']`)).toBe(2);
  });

  it("signatures: a valid one on its visit form pointing at a SignatureDef that states the meaning", async () => {
    const xml = await render();
    expect(count(xml, `//${el("FormData")}/${el("Signature")}`)).toBe(1);
    const signature = `//${el("StudyEventData")}[@StudyEventOID='SE.P1.M06']/${el("FormData")}/${el("Signature")}`;
    expect(xpathString(xml, `${signature}/${el("UserRef")}/@UserOID`)).toBe("U.u-inv");
    expect(xpathString(xml, `${signature}/${el("SignatureRef")}/@SignatureOID`)).toBe("SD.reviewed_and_approved");
    expect(xpathString(xml, `${signature}/${el("DateTimeStamp")}`)).toBe("2024-08-28T02:15:00.000Z");
    expect(xpathString(xml, `//${el("SignatureDef")}[@OID='SD.reviewed_and_approved']/${el("Meaning")}`)).toBe(
      "Reviewed and approved: the investigator has reviewed this visit record and approves its content.",
    );
    expect(xpathString(xml, `//${el("SignatureDef")}[@OID='SD.reviewed_and_approved']/@Methodology`)).toBe("Electronic");
  });

  it("a voided signature: whole in ClinicalData/Signatures, its void an AuditRecord with the reason, annotated on its visit form; not on the form", async () => {
    const xml = await render();
    const vr2Form = `//${el("StudyEventData")}[@StudyEventOID='SE.P2.M12']/${el("FormData")}`;
    expect(count(xml, `${vr2Form}/${el("Signature")}`)).toBe(0);
    const voided = `//${el("ClinicalData")}/${el("Signatures")}/${el("Signature")}[@ID='SG.sig-vr2-1']`;
    expect(count(xml, `//${el("ClinicalData")}/${el("Signatures")}/${el("Signature")}`)).toBe(1);
    expect(xpathString(xml, `${voided}/${el("UserRef")}/@UserOID`)).toBe("U.u-inv");
    expect(xpathString(xml, `${voided}/${el("LocationRef")}/@LocationOID`)).toBe("L.site-sh");
    expect(xpathString(xml, `${voided}/${el("SignatureRef")}/@SignatureOID`)).toBe("SD.reviewed_and_approved");
    expect(xpathString(xml, `${voided}/${el("DateTimeStamp")}`)).toBe("2025-03-20T12:00:00.000Z");
    const voidRecord = `//${el("AuditRecords")}/${el("AuditRecord")}[@ID='AR.107']`;
    expect(xpathString(xml, `${voidRecord}/${el("ReasonForChange")}`)).toBe("Corrected the reason after the monitor's query <Q-7> & call");
    expect(xpathString(xml, `${voidRecord}/${el("SourceID")}`)).toBe("audit_log 107: VisitSignature sig-vr2-1 void");
    const annotation = `${vr2Form}/${el("Annotation")}[@SeqNum='1']`;
    expect(xpathString(xml, `${annotation}/${el("Flag")}/${el("FlagValue")}`)).toBe("voided");
    expect(xpathString(xml, `${annotation}/${el("Flag")}/${el("FlagValue")}/@CodeListOID`)).toBe("CL.SIGNATURE_STATUS");
    expect(xpathString(xml, `${annotation}/${el("Comment")}`)).toBe(
      "Signature SG.sig-vr2-1 (reviewed_and_approved, Dr. Li Wei <investigator@demo.test>, signed 2025-03-20T12:00:00.000Z for record version 1) voided 2025-03-22T11:30:00.000Z: Corrected the reason after the monitor's query <Q-7> & call; audit record AR.107",
    );
    // The Signatures container follows the AuditRecords (the schema's order in ClinicalData).
    expect(xpathString(xml, `name(//${el("ClinicalData")}/*[last()])`)).toBe("Signatures");
  });

  it("escalations: a repeating form of the safety event with trigger, clause, dates and resolution, defined in the metadata", async () => {
    const xml = await render();
    expect(xpathString(xml, `//${el("StudyEventDef")}[@OID='SE.SAFETY']/${el("FormRef")}[@FormOID='F.ESCALATION']/@OrderNumber`)).toBe("3");
    expect(xpathString(xml, `//${el("FormDef")}[@OID='F.ESCALATION']/@Repeating`)).toBe("Yes");
    expect(count(xml, `//${el("ItemGroupDef")}[@OID='IG.ESCALATION']/${el("ItemRef")}`)).toBe(12);
    expect(xpathString(xml, `//${el("ItemDef")}[@OID='I.ESCALATION.TRIGGER']/${el("CodeListRef")}/@CodeListOID`)).toBe("CL.TRIGGER");
    expect(count(xml, `//${el("CodeList")}[@OID='CL.TRIGGER']/${el("CodeListItem")}`)).toBe(6);
    expect(count(xml, `//${el("FormData")}[@FormOID='F.ESCALATION']`)).toBe(4);
    const esc1 = `//${el("SubjectData")}[@SubjectKey='SH01-001']//${el("FormData")}[@FormOID='F.ESCALATION'][@FormRepeatKey='esc1']`;
    const item = (oid: string) => xpathString(xml, `${esc1}//${el("ItemData")}[@ItemOID='I.ESCALATION.${oid}']/@Value`);
    expect([item("TRIGGER"), item("CITATION"), item("OPENED_DATE"), item("DUE_DATE"), item("STATUS"), item("RESOLVED_DATE"), item("NOTE"), item("SAMPLE_RESULT_ID")]).toEqual([
      "dominant_clone", "CDE §2.4.2", "2024-08-27", "2024-11-27", "resolved", "2024-11-20", "retest negative", "sr1",
    ]);
    expect(xpathString(xml, `${esc1}/${el("AuditRecord")}/${el("ReasonForChange")}`)).toBe("retest negative");
    // An open escalation has no resolution items.
    expect(count(xml, `//${el("FormData")}[@FormRepeatKey='esc4']//${el("ItemData")}[@ItemOID='I.ESCALATION.RESOLVED_DATE']`)).toBe(0);
  });

  it("audit: the last change on each form, and the whole trail with reasons for change", async () => {
    const xml = await render();
    const vr2Audit = `//${el("StudyEventData")}[@StudyEventOID='SE.P2.M12']/${el("FormData")}/${el("AuditRecord")}`;
    expect(xpathString(xml, `${vr2Audit}/${el("ReasonForChange")}`)).toBe("Corrected the reason after the monitor's query <Q-7> & call");
    expect(xpathString(xml, `${vr2Audit}/${el("DateTimeStamp")}`)).toBe("2025-03-22T11:30:00.000Z");
    expect(count(xml, `//${el("AuditRecords")}/${el("AuditRecord")}`)).toBe(8);
    expect(xpathString(xml, `//${el("AuditRecord")}[@ID='AR.105']/${el("UserRef")}/@UserOID`)).toBe("U.SYSTEM");
    expect(xpathString(xml, `//${el("AuditRecord")}[@ID='AR.105']/${el("LocationRef")}/@LocationOID`)).toBe("L.site-bj");
    expect(xpathString(xml, `//${el("AuditRecord")}[@ID='AR.106']/${el("LocationRef")}/@LocationOID`)).toBe("L.SPONSOR");
    expect(xpathString(xml, `//${el("AuditRecord")}[@ID='AR.106']/${el("SourceID")}`)).toBe("audit_log 106: plan_version pv2 activate");
    expect(xpathString(xml, `//${el("User")}[@OID='U.u-spo']/${el("FullName")}`)).toBe("Sponsor & Admin <QA>");
  });

  it("characters XML forbids become U+FFFD instead of breaking the file", async () => {
    const [first, ...rest] = bundles;
    if (!first) throw new Error("no bundles");
    const odd: OdmSubjectBundle = { ...first, subject: { ...first.subject, lot: "LV\u0001-\uD800x" } };
    const xml = await render({ subjects: [odd, ...rest] });
    expect(validateOdm(xml).valid).toBe(true);
    expect(xpathString(xml, `//${el("ItemData")}[@ItemOID='I.SUBJECT.LOT']/@Value`)).toBe("LV\uFFFD-\uFFFDx");
  });

  it("streams: subjects are read as the consumer pulls, not all at once", async () => {
    let produced = 0;
    const [template] = bundles;
    if (!template) throw new Error("no bundles");
    async function* many() {
      for (let index = 0; index < 10_000; index += 1) {
        produced += 1;
        yield { ...template!, subject: { ...template!.subject, code: `S-${index}` } };
      }
    }
    const reader = odmStream(input({ subjects: many() })).getReader();
    await reader.read(); // metadata and admin data
    await reader.read(); // first subjects
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThanOrEqual(200);
    await reader.cancel();
  });

  it("validates with no plan version and no subject (an empty study)", async () => {
    const xml = await render({ planVersions: [], subjects: [], auditTrail: [], voidedSignatures: [] });
    expect(validateOdm(xml).valid).toBe(true);
  });

  it("the whole document at fixed data, to the byte (golden/odm-fixtures.xml; UPDATE_GOLDEN=1 rewrites it)", async () => {
    const safetyVisit = { ...VISIT_RECORDS[0]!, id: "vr-safety", visitId: "E-esc1-1", planVersion: null, unscheduled: false, signature: null };
    const subjects = bundles.map((bundle, index) => (index === 0 ? { ...bundle, visitRecords: [...bundle.visitRecords, safetyVisit] } : bundle));
    const xml = await render({ subjects });
    const file = path.join(__dirname, "golden", "odm-fixtures.xml");
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, xml);
    }
    expect(xml).toBe(readFileSync(file, "utf8"));
    expect(xml).toContain('StudyEventOID="SE.SAFETY_VISIT" StudyEventRepeatKey="E-esc1-1"');
  });

  it("the vendored schema is the one in ../shared (when it sits beside the project)", () => {
    const shared = path.resolve(__dirname, "../../../shared/external/cdisc-odm-1.3.2");
    if (!existsSync(shared)) return;
    for (const file of ["ODM1-3-2.xsd", "ODM1-3-2-foundation.xsd", "xml.xsd", "xmldsig-core-schema.xsd", "xlink.xsd", "LICENSE"]) {
      expect(readFileSync(path.join(path.dirname(ODM_SCHEMA), file), "utf8"), file).toBe(readFileSync(path.join(shared, file), "utf8"));
    }
  });
});
