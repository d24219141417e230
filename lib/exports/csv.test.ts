import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ADVERSE_EVENT_COLUMNS, csvStream, csvText, SAMPLE_RESULT_COLUMNS, SUBJECT_COLUMNS, VISIT_COLUMNS, type CsvColumn } from "@/lib/exports/csv";
import { ADVERSE_EVENTS, SAMPLE_RESULTS, SUBJECTS, VISIT_RECORDS } from "@/lib/exports/test-fixtures";

const BOM = "\uFEFF";

describe("csv exports (RFC 4180, UTF-8 with BOM)", () => {
  it("subjects: BOM, header row, CRLF, quoted comma and quote, empty for null", async () => {
    const text = await csvText(SUBJECTS, SUBJECT_COLUMNS);
    expect(text).toBe(
      BOM +
        "id,studyId,siteId,siteCode,code,yearOfBirth,sex,dosingDate,lot,status,statusDate,consentVersion,consentDate,reconsentDue,extensionActive,extensionSince,version\r\n" +
        "sub1,st1,site-sh,SH-01,SH01-001,1980,female,2024-02-29,LV-2023-117,active,,1,2024-02-01,true,false,,3\r\n" +
        "sub2,st1,site-sh,SH-01,SH01-002,1975,male,2025-01-10,LV-2024-003,died,2025-09-30,2,2025-07-15,false,false,,5\r\n" +
        'sub3,st1,site-bj,BJ-02,BJ02-001,1990,unknown,2023-06-15,"LV,2023""001",lost_to_follow_up,2025-04-01,1,2023-06-01,true,false,,2\r\n',
    );
  });

  it("visits: assessments flattened, line break quoted, formula neutralised, signature columns", async () => {
    const text = await csvText(VISIT_RECORDS, VISIT_COLUMNS);
    expect(text).toBe(
      BOM +
        "id,subjectId,subjectCode,siteCode,visitId,planVersion,unscheduled,status,date,contactMode,history,drugExposure,newOrWorsenedDisease,physicalExam,labs,pregnancy,reason,version,signatureSignerName,signatureSignerEmail,signatureSignedAt,signatureMeaning,signatureValid\r\n" +
        'vr1,sub1,SH01-001,SH-01,M06,1,false,completed,2024-08-27,clinic,true,none,"头痛; rash, mild",true,true,not_applicable,,1,Dr. Li Wei,investigator@demo.test,2024-08-28T02:15:00.000Z,reviewed_and_approved,true\r\n' +
        'vr2,sub1,SH01-001,SH-01,M12,2,false,missed,2025-03-20,,,,,,,,"subject travelling\nback in May",2,Dr. Li Wei,investigator@demo.test,2025-03-21T08:00:00.000Z,reviewed_and_approved,false\r\n' +
        "vr3,sub3,BJ02-001,BJ-02,U01,,true,completed,2024-12-02,phone,true,,,,,,\"'=HYPERLINK(\"\"x\"\") reported fever\",1,,,,,\r\n",
    );
  });

  it("adverse events and sample results: exact rows, numbers as written", async () => {
    expect(await csvText(ADVERSE_EVENTS, ADVERSE_EVENT_COLUMNS)).toBe(
      BOM +
        "id,subjectId,subjectCode,siteCode,term,onsetDate,serious,seriousnessCriteria,grade,category,relatedness,outcome,possibleRcl,version\r\n" +
        "ae1,sub1,SH01-001,SH-01,T-cell lymphoma,2025-03-02,true,hospitalisation; life_threatening,3,malignancy,possible,not_recovered,false,1\r\n" +
        "ae2,sub2,SH01-002,SH-01,带状疱疹,2025-05-10,false,,2,infection,unrelated,recovered,false,2\r\n" +
        "ae3,sub2,SH01-002,SH-01,Sepsis,2025-09-20,true,death,5,infection,unlikely,fatal,false,1\r\n" +
        "ae4,sub3,BJ02-001,BJ-02,Myelodysplastic syndrome,2024-11-05,true,other_medically_important,3,malignancy,probable,recovering,true,1\r\n",
    );
    expect(await csvText(SAMPLE_RESULTS, SAMPLE_RESULT_COLUMNS)).toBe(
      BOM +
        "id,subjectId,subjectCode,siteCode,kind,collectedDate,sampleType,surrogate,assay,detected,value,unit,dominantClone,clonalExpansion,nearOncogene,largestClonePercent,visitRecordId,version\r\n" +
        "sr1,sub1,SH01-001,SH-01,integration_site_analysis,2024-08-27,peripheral_blood,false,LAM-PCR + NGS,true,0.8,copies/cell,true,false,false,31.5,vr1,1\r\n" +
        "sr2,sub3,BJ02-001,BJ-02,vector_copy_number,2024-12-02,bone_marrow,true,,false,,,,,,,,1\r\n",
    );
  });

  it("parses back with a CSV parser to the same fields (round trip through RFC 4180 quoting)", async () => {
    const text = await csvText(VISIT_RECORDS, VISIT_COLUMNS);
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(3);
    expect(records[1]?.reason).toBe("subject travelling\nback in May");
    expect(records[0]?.newOrWorsenedDisease).toBe("头痛; rash, mild");
    expect(records[2]?.reason).toBe("'=HYPERLINK(\"x\") reported fever");
  });

  it("an empty export is the BOM and the header row", async () => {
    expect(await csvText([], ADVERSE_EVENT_COLUMNS)).toBe(
      BOM + "id,subjectId,subjectCode,siteCode,term,onsetDate,serious,seriousnessCriteria,grade,category,relatedness,outcome,possibleRcl,version\r\n",
    );
  });

  it("streams: reads the source only as fast as the consumer pulls, and closes it on cancel", async () => {
    let produced = 0;
    let closed = false;
    async function* rows() {
      try {
        for (let index = 0; index < 100_000; index += 1) {
          produced += 1;
          yield { n: index };
        }
      } finally {
        closed = true;
      }
    }
    const columns: CsvColumn<{ n: number }>[] = [{ header: "n", value: (row) => row.n }];
    const reader = csvStream(rows(), columns).getReader();
    const header = await reader.read();
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(header.value)).toBe(BOM + "n\r\n");
    const first = await reader.read();
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(first.value).split("\r\n").slice(0, 3)).toEqual(["0", "1", "2"]);
    // The stream's queue holds at most one chunk ahead: far from the 100,000 rows.
    expect(produced).toBeLessThanOrEqual(1_500);
    await reader.cancel();
    expect(closed).toBe(true);
    expect(produced).toBeLessThanOrEqual(1_500);
  });

  it("streams 100,000 rows to the end with every record in order", async () => {
    function* rows() {
      for (let index = 0; index < 100_000; index += 1) yield { n: index, code: `S-${index}` };
    }
    const text = await csvText(rows(), [
      { header: "n", value: (row: { n: number; code: string }) => row.n },
      { header: "code", value: (row: { n: number; code: string }) => row.code },
    ]);
    const lines = text.split("\r\n");
    expect(lines).toHaveLength(100_002);
    expect(lines[1]).toBe("0,S-0");
    expect(lines[100_000]).toBe("99999,S-99999");
    expect(lines[100_001]).toBe("");
  });

  it("a failing source errors the stream instead of ending it as if complete", async () => {
    async function* rows() {
      yield { n: 1 };
      throw new Error("cursor lost");
    }
    await expect(csvText(rows(), [{ header: "n", value: (row: { n: number }) => row.n }])).rejects.toThrow("cursor lost");
  });
});
