import { buildSchedule } from "@/lib/schedule/build-schedule";
import { formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { ZPlan, type TPlan } from "@/lib/validation/plan";
import { ZScheduleInput, type TScheduleInput } from "@/lib/validation/schedule";

// npm run bench:schedule — subjects/s for 100,000 subjects on a 20-visit plan with two versions and records.
const SUBJECTS = 100_000;
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const v1: TPlan = ZPlan.parse(suggestPlan(deriveRequirements({ platform: "lentivirus", exVivo: true, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true })));
// Version 2 widens windows and moves every yearly visit after year 5 by a month.
const v2: TPlan = { ...v1, visits: v1.visits.map((v) => (v.offsetMonths > 60 ? { ...v, offsetMonths: v.offsetMonths + 1, windowDaysBefore: 45, windowDaysAfter: 45 } : v)) };
const planVersions = [
  { version: 1, effectiveDate: "2019-01-01", plan: v1 },
  { version: 2, effectiveDate: "2024-06-01", plan: v2 },
];
const firstDosing = parseCalendarDate("2018-01-01")!;
const asOf = "2026-11-25";

const inputs: TScheduleInput[] = Array.from({ length: SUBJECTS }, () => {
  const dosingDay = firstDosing + Math.floor(random() * 365 * 8);
  const dosingDate = formatCalendarDate(dosingDay);
  const records = v1.visits
    .filter((v) => v.offsetMonths <= 36 && random() < 0.9)
    .map((v) => ({ visitId: v.id, planVersion: 1, status: random() < 0.93 ? ("completed" as const) : ("missed" as const), date: formatCalendarDate(dosingDay + v.offsetMonths * 30) }));
  return { dosingDate, asOf, planVersions, records, subject: random() < 0.03 ? { status: "withdrawn" as const, statusDate: "2025-01-01" } : { status: "active" as const } };
});

// The inputs are well-formed by construction; check a sample through the shared schema once.
for (const input of inputs.slice(0, 100)) ZScheduleInput.parse(input);

for (const input of inputs.slice(0, 5000)) buildSchedule(input); // warm-up
let visits = 0;
const started = performance.now();
for (const input of inputs) visits += buildSchedule(input).visits.length;
const seconds = (performance.now() - started) / 1000;
console.log(`node ${process.version}: ${SUBJECTS.toLocaleString("en-US")} subjects (20-visit plan, 2 versions, records) in ${seconds.toFixed(2)} s`);
console.log(`buildSchedule: ${Math.round(SUBJECTS / seconds).toLocaleString("en-US")} subjects per second (${visits.toLocaleString("en-US")} visits)`);
