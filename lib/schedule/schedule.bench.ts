import { buildSchedule } from "@/lib/schedule/build-schedule";
import { formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import type { TPlan, TPlanVisit } from "@/lib/validation/plan";
import { ZScheduleInput, type TScheduleInput } from "@/lib/validation/schedule";

// npm run bench:schedule — subjects/s for 100,000 subjects on a 20-visit plan with two
// versions and records. The plan is built here, not suggested by lib/rules, so the figure
// does not move when the rules change.
const SUBJECTS = 100_000;
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const visit = (offsetMonths: number, windowDays: number): TPlanVisit => ({
  id: `M${String(offsetMonths).padStart(2, "0")}`,
  offsetMonths,
  windowDaysBefore: windowDays,
  windowDaysAfter: windowDays,
  contactMode: offsetMonths <= 60 ? "clinic" : "phone",
  activities: [
    ...(offsetMonths <= 60 && offsetMonths % 12 === 0 ? [{ kind: "clinical_visit" as const }] : []),
    { kind: "persistence_sampling", sampleType: "peripheral_blood" },
    { kind: "integration_monitoring", sampleType: "peripheral_blood" },
  ],
});
// Half-yearly for five years (10 visits), then yearly to fifteen years (10 visits).
const offsets = [6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120, 132, 144, 156, 168, 180];
const v1: TPlan = { ruleSet: "CDE-2021", durationMonths: 180, visits: offsets.map((o) => visit(o, o <= 60 ? 14 : 30)) };
// Version 2 moves every yearly visit after year 5 by a month and widens its window.
const v2: TPlan = { ...v1, visits: v1.visits.map((v) => (v.offsetMonths > 60 ? { ...v, offsetMonths: v.offsetMonths + 1, windowDaysBefore: 45, windowDaysAfter: 45 } : v)) };
const planVersions = [
  { version: 1, effectiveDate: "2016-01-01", plan: v1 },
  { version: 2, effectiveDate: "2024-06-01", plan: v2 },
];
const firstDosing = parseCalendarDate("2016-01-01")!;
const asOf = "2026-11-25";

const inputs: TScheduleInput[] = Array.from({ length: SUBJECTS }, () => {
  const dosingDay = firstDosing + Math.floor(random() * 365 * 10);
  const records = v1.visits
    .filter((v) => v.offsetMonths <= 48 && random() < 0.9)
    .map((v) => ({ visitId: v.id, planVersion: 1, status: random() < 0.93 ? ("completed" as const) : ("missed" as const), date: formatCalendarDate(dosingDay + Math.round(v.offsetMonths * 30.4)) }));
  const subject = random() < 0.03 ? { status: "withdrawn" as const, statusDate: "2025-01-01" } : { status: "active" as const };
  return { dosingDate: formatCalendarDate(dosingDay), asOf, planVersions, records, subject };
});

// Well-formed by construction; a sample goes through the shared schema to prove it.
for (const input of inputs.slice(0, 100)) ZScheduleInput.parse(input);

for (const input of inputs.slice(0, 5_000)) buildSchedule(input); // warm-up
// Three passes over all subjects; the median is the figure (garbage collection makes single passes noisy).
const passes: number[] = [];
let visits = 0;
let recorded = 0;
for (let pass = 0; pass < 3; pass++) {
  visits = 0;
  recorded = 0;
  const started = performance.now();
  for (const input of inputs) {
    visits += buildSchedule(input).visits.length;
    recorded += input.records.length;
  }
  passes.push((performance.now() - started) / 1000);
}
const seconds = [...passes].sort((a, b) => a - b)[1]!;

// For scale: the same work when each subject's input is also parsed by ZScheduleInput, as the
// command and the server do (plans are shared objects here, so the plan is parsed each time).
const PARSED = 10_000;
const parseStarted = performance.now();
for (const input of inputs.slice(0, PARSED)) buildSchedule(ZScheduleInput.parse(input));
const parseSeconds = (performance.now() - parseStarted) / 1000;

const format = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`node ${process.version}: ${format(SUBJECTS)} subjects, 20-visit plan, 2 versions, ${format(recorded)} records → ${format(visits)} visits; passes ${passes.map((s) => `${s.toFixed(2)} s`).join(", ")}`);
console.log(`buildSchedule: ${format(SUBJECTS / seconds)} subjects per second (median of 3 passes)`);
console.log(`ZScheduleInput.parse + buildSchedule: ${format(PARSED / parseSeconds)} subjects per second`);
