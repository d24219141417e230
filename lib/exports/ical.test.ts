import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarLabels, calendarLocale } from "@/lib/exports/calendar-labels";
import { renderSiteCalendar, selectDueVisits, visitUid } from "@/lib/exports/ical";
import { SCHEDULED_VISITS, SITES } from "@/lib/exports/test-fixtures";

const [site] = SITES;
if (!site) throw new Error("fixture sites are empty");
import type { ExportScheduledVisit } from "@/lib/exports/types";

const base: ExportScheduledVisit = {
  subjectId: "sub9", subjectCode: "SH01-009", siteCode: "SH-01", source: "plan", visitId: "Y01", planVersion: 1,
  targetDate: "2026-08-31", windowStart: "2026-08-01", windowEnd: "2026-09-30", contactMode: "clinic",
  activities: ["clinical_visit", "persistence_sampling"], status: "upcoming",
};

const visits: ExportScheduledVisit[] = [
  ...SCHEDULED_VISITS,
  base,
  // Exactly 12 months after asOf: still in; one day later: out.
  { ...base, visitId: "Y02", targetDate: "2026-09-01", windowStart: "2026-08-02", windowEnd: "2026-10-01" },
  { ...base, visitId: "Y03", targetDate: "2026-09-02", windowStart: "2026-08-03", windowEnd: "2026-10-02" },
  { ...base, subjectCode: "SH01-010, \"VIP\"; 复诊", subjectId: "sub10", visitId: "M24", targetDate: "2025-12-24", windowStart: "2025-11-24", windowEnd: "2026-01-23", status: "upcoming", source: "escalation", planVersion: null },
];

const asOf = "2025-09-01";
const render = () => renderSiteCalendar({ site, visits, asOf, generatedAt: "2025-09-01T06:00:00.000Z", uidDomain: "ltfu.example" });

describe("site calendar (RFC 5545)", () => {
  it("selects upcoming and open-window visits due within 12 months, in date order", () => {
    expect(selectDueVisits(visits, asOf).map((v) => `${v.subjectCode} ${v.visitId} ${v.targetDate}`)).toEqual([
      "SH01-001 M18 2025-08-29",
      "SH01-010, \"VIP\"; 复诊 M24 2025-12-24",
      "SH01-009 Y01 2026-08-31",
      "SH01-009 Y02 2026-09-01",
    ]);
  });

  it("parses back with ical.js: all-day events on the target date, window in the description, stable UIDs", () => {
    const component = new ICAL.Component(ICAL.parse(render()));
    expect(component.getFirstPropertyValue("prodid")).toBe("-//ltfu//ltfu-visits//EN");
    const events = component.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.uid)).toEqual([
      "visit-sub1-plan-2-M18@ltfu.example",
      "visit-sub10-escalation-0-M24@ltfu.example",
      "visit-sub9-plan-1-Y01@ltfu.example",
      "visit-sub9-plan-1-Y02@ltfu.example",
    ]);
    const [first, second] = events;
    if (!first || !second) throw new Error("expected two events at least");
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe("2025-08-29");
    expect(first.endDate.toString()).toBe("2025-08-30");
    expect(first.summary).toBe("SH01-001 M18");
    expect(first.description).toBe("Window: 2025-07-30 – 2025-09-28\nContact: phone\nActivities: remote_contact\nStatus at export: window_open");
    // Commas, semicolons, quotes and Chinese survive escaping and folding.
    expect(second.summary).toBe("SH01-010, \"VIP\"; 复诊 M24 (escalation)");
    expect(second.startDate.toString()).toBe("2025-12-24");
  });

  it("writes DTSTART;VALUE=DATE, CRLF line ends and lines of at most 75 octets", () => {
    const text = render();
    expect(text).toContain("DTSTART;VALUE=DATE:20251224\r\n");
    expect(text).toContain("SUMMARY:SH01-010\\, \"VIP\"\\; 复诊 M24 (escalation)\r\n");
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const lines = text.split("\r\n");
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(" "))).toBe(true);
  });

  it("is the same text for the same data (stable feed), whatever the process time zone", () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      const west = render();
      process.env.TZ = "Pacific/Kiritimati";
      const east = render();
      expect(west).toBe(east);
      expect(west).toContain("DTSTART;VALUE=DATE:20250829\r\n");
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    expect(visitUid(base)).toBe("visit-sub9-plan-1-Y01@ltfu.invalid");
  });
});

describe("site calendar in the reader's language", () => {
  const renderIn = (locale: "en" | "zh-CN") => renderSiteCalendar({ site, visits, asOf, generatedAt: "2025-09-01T06:00:00.000Z", uidDomain: "ltfu.example", labels: calendarLabels(locale) });

  it("Chinese: summary, window, contact mode, activities and status from the catalogs, parsed back by ical.js", () => {
    const component = new ICAL.Component(ICAL.parse(renderIn("zh-CN")));
    expect(component.getFirstPropertyValue("prodid")).toBe("-//ltfu//ltfu-visits//ZH-CN");
    expect(component.getFirstPropertyValue("x-wr-calname")).toBe("长期随访访视 SH-01 上海瑞金医院");
    const [first, second] = component.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    if (!first || !second) throw new Error("expected two events at least");
    expect(first.summary).toBe("长期随访访视 M18 · 受试者 SH01-001");
    expect(first.description).toBe("访视窗: 2025-07-30 – 2025-09-28\n随访方式: 电话随访\n评估项目: 电话或书面调查问卷随访\n导出时状态: 访视窗内");
    expect(second.summary).toBe("长期随访访视 M24 · 受试者 SH01-010, \"VIP\"; 复诊（升级处理）");
    // The same events and UIDs whatever the language: calendar applications update, not duplicate.
    expect(first.uid).toBe("visit-sub1-plan-2-M18@ltfu.example");
    expect(first.startDate.toString()).toBe("2025-08-29");
  });

  it("English from the catalogs names values in words; a code the catalogs lack stays as coded", () => {
    const events = new ICAL.Component(ICAL.parse(renderIn("en"))).getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events[0]!.summary).toBe("LTFU visit M18 · SH01-001");
    expect(events[0]!.description).toBe("Window: 2025-07-30 – 2025-09-28\nContact: Telephone\nActivities: Contact by phone or written questionnaire\nStatus at export: In window");
    const labels = calendarLabels("zh-CN");
    expect(labels.activityValue!("not_a_kind")).toBe("not_a_kind");
    expect(labels.contactModeValue!("carrier_pigeon")).toBe("carrier_pigeon");
  });

  it("language: ?lang first, then the remembered cookie, then Accept-Language, else English", () => {
    expect(calendarLocale({ lang: "en", cookie: "ltfu-locale=zh-CN", acceptLanguage: "zh-CN" })).toBe("en");
    expect(calendarLocale({ lang: undefined, cookie: "a=b; ltfu-locale=zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(calendarLocale({ lang: undefined, cookie: "ltfu-locale=fr", acceptLanguage: "zh-TW,zh;q=0.9" })).toBe("zh-CN");
    expect(calendarLocale({ lang: undefined, cookie: null, acceptLanguage: null })).toBe("en");
  });
});
