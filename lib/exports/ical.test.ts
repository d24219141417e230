import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
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
