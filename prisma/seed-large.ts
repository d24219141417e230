import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { activatePlanVersion, createPlanVersion, updatePlanDraft } from "@/lib/plans/plan-versions";
import { createProduct } from "@/lib/products/products";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import { formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { activateConsentVersion, createConsentVersion } from "@/lib/studies/consent-versions";
import { createStudy, setStudyMembers } from "@/lib/studies/studies";
import { toSchedulePlanVersions } from "@/lib/subjects/schedule-rows";
import { todayCalendarDate } from "@/lib/subjects/today";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { ZPlan } from "@/lib/validation/plan";
import { defaultFactorsFor } from "@/lib/validation/product";
import type { TRiskProfile } from "@/lib/validation/profile";
import type { TSchedulePlanVersion } from "@/lib/validation/schedule";
import { DEMO_ORGANIZATION, DEMO_SITES } from "@/prisma/demo-accounts";

/**
 * `npm run seed:large`: one large lentiviral program, protocol `SCALE-<N>`, in the demo
 * organisation: N subjects over 50 sites, dosed over the last ten years, their stored plan rows
 * computed by lib/schedule (the one source of truth) and inserted set-based (unnest arrays, one
 * transaction per batch), visits (≈90 % of past ones recorded, some late, some missed), AEs, sample
 * results, open and resolved escalations, open queries, one plan amendment already applied.
 *
 * Idempotent: subject codes are deterministic (`S<site>-<n>`); a batch skips the codes present, so
 * running again (or after an interruption: batches are atomic) adds nothing twice. Configuration
 * (product, study, plan, consent) goes through the services, audited; each batch writes one audit
 * record naming what it inserted.
 */

export const SITE_COUNT = 50;
const BATCH = 2_000;

const LENTI: TRiskProfile = {
  platform: "lentivirus",
  exVivo: true,
  route: "intravenous",
  geneEditing: false,
  replicationCompetent: false,
  latency: false,
  integrationEnhanced: false,
  germlineDistribution: false,
  targetTissueAccessible: true,
};

const ASSESSMENTS = JSON.stringify({ history: true, drugExposure: "none", newOrWorsenedDisease: [], physicalExam: true, labs: true, pregnancy: "not_applicable" });
const AE_TERMS: Array<[string, string]> = [
  ["Upper respiratory tract infection", "infection"],
  ["Neutropenia", "haematological"],
  ["Peripheral neuropathy", "neurological"],
  ["Hypogammaglobulinaemia", "immunogenic_autoimmune"],
  ["Fatigue", "other"],
  ["Pneumonia", "infection"],
  ["Thrombocytopenia", "haematological"],
  ["Basal cell carcinoma", "malignancy"],
];

export const protocolFor = (subjects: number) => `SCALE-${subjects}`;
export const subjectCode = (index: number) => `S${String((index % SITE_COUNT) + 1).padStart(2, "0")}-${String(index + 1).padStart(6, "0")}`;

/** A small deterministic generator per subject, so a code always gets the same story. */
function random(seed: number) {
  let state = (seed * 2654435761) % 2147483648;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await getActorByUserId(db, { userId: user.id }))!;
}

const shift = (date: string, days: number) => formatCalendarDate(parseCalendarDate(date)! + days);

/** Who the program belongs to: the demo organisation and users unless told otherwise (tests). */
export interface LargeProgramTeam {
  organizationName: string;
  sponsor: string;
  /** The first one records the seeded visits; each needs a site among SH-01, BJ-02 (created if missing). */
  investigators: string[];
  monitor: string;
}

export const DEMO_TEAM: LargeProgramTeam = {
  organizationName: DEMO_ORGANIZATION,
  sponsor: "sponsor@demo.test",
  investigators: ["investigator@demo.test", "investigator2@demo.test"],
  monitor: "monitor@demo.test",
};

export interface LargeProgram {
  studyId: string;
  organizationId: string;
  siteIds: string[];
  planVersions: TSchedulePlanVersion[];
}

/** The program's configuration, created once through the services (audited). */
async function ensureProgram(db: Db, subjects: number, team: LargeProgramTeam, log: (line: string) => void): Promise<LargeProgram> {
  const organization = await db.organization.findFirstOrThrow({ where: { name: team.organizationName } });
  const protocolNumber = protocolFor(subjects);
  let study = await db.study.findFirst({ where: { organizationId: organization.id, protocolNumber } });
  if (!study) {
    log(`creating the program ${protocolNumber} (50 sites, product, study, plan v1 and its amendment v2, consent)`);
    const sponsor = await actorFor(db, team.sponsor);
    const members = await Promise.all([...team.investigators, team.monitor].map((email) => actorFor(db, email)));
    // Sites: the two demo sites (so the demo investigators have subjects) and 48 more, created once.
    const siteRows = [...DEMO_SITES.map((s) => ({ ...s })), ...Array.from({ length: SITE_COUNT - DEMO_SITES.length }, (_, i) => ({ code: `SC-${String(i + 3).padStart(2, "0")}`, name: `Scale site ${i + 3} (demo)`, country: "China", principalInvestigator: null }))];
    await db.$transaction(async (tx) => {
      const present = new Set((await tx.site.findMany({ where: { organizationId: organization.id }, select: { code: true } })).map((s) => s.code));
      const missing = siteRows.filter((s) => !present.has(s.code));
      if (missing.length === 0) return;
      await tx.site.createMany({ data: missing.map((s) => ({ ...s, organizationId: organization.id })) });
      await tx.auditLog.create({ data: { actorEmail: "system:seed-large", actorRole: "SYSTEM", organizationId: organization.id, entity: "Site", entityId: "bulk", action: "create", newValues: { codes: missing.map((s) => s.code) }, reason: "large program seed" } });
    });
    const sites = await db.site.findMany({ where: { organizationId: organization.id, code: { in: siteRows.map((s) => s.code) } }, select: { id: true } });
    const product = await createProduct(db, { actor: sponsor, input: { name: `CD19 CAR-T (lentiviral), scale ${subjects}`, code: `LV-${protocolNumber}`, modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) } });
    const created = await createStudy(db, {
      actor: sponsor,
      input: { productId: product.product.id, protocolNumber, title: `Registry-scale follow-up, ${subjects} CAR-T recipients`, phase: "ltfu_only", ruleSet: "CDE-2021", siteIds: sites.map((s) => s.id) },
    });
    await setStudyMembers(db, { actor: sponsor, input: { studyId: created.id, userIds: members.map((m) => m.id), reason: "scale program team" } });
    const today = todayCalendarDate();
    const v1 = await createPlanVersion(db, { actor: sponsor, input: { studyId: created.id, source: "suggested" } });
    await activatePlanVersion(db, { actor: sponsor, input: { id: v1.id, effectiveDate: shift(today, -11 * 365), reason: "initial LTFU plan" } });
    // The amendment (CDE §2.3.2), two years ago: phone contacts with wider windows after year 5.
    const v2 = await createPlanVersion(db, { actor: sponsor, input: { studyId: created.id, source: "copy_latest" } });
    const plan = ZPlan.parse(v2.plan);
    const amended = { ...plan, visits: plan.visits.map((v) => (v.offsetMonths > 60 ? { ...v, contactMode: "phone" as const, windowDaysBefore: 45, windowDaysAfter: 45 } : v)) };
    await updatePlanDraft(db, { actor: sponsor, input: { id: v2.id, plan: amended, justifications: v2.justifications as Record<string, string>, durationOverrideJustification: v2.durationOverrideJustification ?? undefined } });
    await activatePlanVersion(db, { actor: sponsor, input: { id: v2.id, effectiveDate: shift(today, -2 * 365), reason: "amendment: phone contacts after year 5" } });
    const icf = await createConsentVersion(db, { actor: sponsor, input: { studyId: created.id, title: "LTFU informed consent v1", checklist: Object.fromEntries(CONSENT_ITEMS.map((i) => [i, true])) } });
    await activateConsentVersion(db, { actor: sponsor, input: { id: icf.id, effectiveDate: shift(today, -11 * 365), reason: "initial consent" } });
    study = await db.study.findFirstOrThrow({ where: { id: created.id } });
  }
  const siteIds = (await db.studySite.findMany({ where: { studyId: study.id, endedAt: null }, select: { site: { select: { id: true, code: true } } } }))
    .map((s) => s.site)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((s) => s.id);
  const planRows = await db.planVersion.findMany({ where: { studyId: study.id, status: { in: ["ACTIVE", "SUPERSEDED"] } }, select: { version: true, effectiveDate: true, plan: true }, orderBy: { version: "asc" } });
  return { studyId: study.id, organizationId: organization.id, siteIds, planVersions: toSchedulePlanVersions(planRows) };
}

/** Column arrays for one table, filled row by row and sent as `unnest` parameters. */
class Columns<K extends string> {
  readonly data: Record<K, unknown[]>;
  constructor(readonly names: readonly K[]) {
    this.data = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<K, unknown[]>;
  }
  push(row: Record<K, unknown>) {
    for (const name of this.names) this.data[name].push(row[name]);
  }
  get length() {
    return this.data[this.names[0]!].length;
  }
  params() {
    return this.names.map((n) => this.data[n]);
  }
}

interface Batch {
  subjects: Columns<"id" | "siteId" | "code" | "yearOfBirth" | "sex" | "dosingDate" | "lot" | "status" | "statusDate" | "statusReason" | "deathCause" | "consentDate">;
  rows: Columns<"id" | "subjectId" | "visitId" | "planVersion" | "offsetMonths" | "targetDate" | "windowStart" | "windowEnd" | "contactMode" | "activities">;
  records: Columns<"id" | "subjectId" | "visitId" | "planVersion" | "status" | "date" | "contactMode" | "reason">;
  aes: Columns<"id" | "siteId" | "subjectId" | "term" | "onsetDate" | "serious" | "grade" | "category" | "relatedness" | "outcome">;
  results: Columns<"id" | "siteId" | "subjectId" | "collectedDate" | "detected" | "value">;
  escalations: Columns<"id" | "siteId" | "subjectId" | "openedDate" | "status" | "resolvedDate" | "adverseEventId">;
  queries: Columns<"id" | "siteId" | "subjectId" | "code">;
}

function newBatch(): Batch {
  return {
    subjects: new Columns(["id", "siteId", "code", "yearOfBirth", "sex", "dosingDate", "lot", "status", "statusDate", "statusReason", "deathCause", "consentDate"]),
    rows: new Columns(["id", "subjectId", "visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities"]),
    records: new Columns(["id", "subjectId", "visitId", "planVersion", "status", "date", "contactMode", "reason"]),
    aes: new Columns(["id", "siteId", "subjectId", "term", "onsetDate", "serious", "grade", "category", "relatedness", "outcome"]),
    results: new Columns(["id", "siteId", "subjectId", "collectedDate", "detected", "value"]),
    escalations: new Columns(["id", "siteId", "subjectId", "openedDate", "status", "resolvedDate", "adverseEventId"]),
    queries: new Columns(["id", "siteId", "subjectId", "code"]),
  };
}

/** One subject's data, deterministic from its index; the plan rows straight from lib/schedule. */
function generateSubject(batch: Batch, program: LargeProgram, index: number, today: string) {
  const rand = random(index + 1);
  const todayDay = parseCalendarDate(today)!;
  const id = randomUUID();
  const siteId = program.siteIds[index % SITE_COUNT]!;
  const dosing = todayDay - Math.floor(30 + rand() * (10 * 365 - 30));
  const dosingDate = formatCalendarDate(dosing);
  // ≈6 % left follow-up: withdrawn, lost, died, at a day between dosing and today.
  const fate = rand();
  const status = fate < 0.03 ? "withdrawn" : fate < 0.045 ? "lost_to_follow_up" : fate < 0.06 ? "died" : "active";
  const statusDay = status === "active" ? null : dosing + Math.floor(rand() * (todayDay - dosing));
  batch.subjects.push({
    id,
    siteId,
    code: subjectCode(index),
    yearOfBirth: 1945 + Math.floor(rand() * 60),
    sex: rand() < 0.5 ? "female" : "male",
    dosingDate,
    lot: `LV-${dosingDate.slice(0, 4)}-${String(index % 997).padStart(3, "0")}`,
    status,
    statusDate: statusDay === null ? null : formatCalendarDate(statusDay),
    statusReason: status === "active" ? null : status === "died" ? "reported by family" : status === "withdrawn" ? "subject's decision" : "no contact after three attempts",
    deathCause: status === "died" ? "progressive lymphoma" : null,
    consentDate: formatCalendarDate(dosing - 20),
  });

  const schedule = buildSchedule({
    dosingDate,
    asOf: today,
    planVersions: program.planVersions,
    records: [],
    subject: statusDay === null ? { status: "active" } : { status: status as "withdrawn", statusDate: formatCalendarDate(statusDay) },
  });
  const lastDay = statusDay ?? todayDay;
  const completed: number[] = [];
  for (const visit of schedule.visits) {
    batch.rows.push({
      id: randomUUID(),
      subjectId: id,
      visitId: visit.visitId,
      planVersion: visit.planVersion,
      offsetMonths: visit.offsetMonths,
      targetDate: visit.targetDate,
      windowStart: visit.windowStart,
      windowEnd: visit.windowEnd,
      contactMode: visit.contactMode,
      activities: visit.activities.join(","),
    });
    const windowStart = parseCalendarDate(visit.windowStart)!;
    const windowEnd = parseCalendarDate(visit.windowEnd)!;
    // Past windows: ≈90 % recorded (of which ≈5 % missed, ≈10 % completed late), the rest overdue.
    if (windowEnd >= todayDay || parseCalendarDate(visit.targetDate)! > lastDay || rand() >= 0.9) continue;
    const roll = rand();
    if (roll < 0.05) {
      batch.records.push({ id: randomUUID(), subjectId: id, visitId: visit.visitId, planVersion: visit.planVersion, status: "missed", date: formatCalendarDate(windowEnd), contactMode: null, reason: "subject could not be reached in the window" });
      continue;
    }
    const day = roll < 0.15 ? Math.min(windowEnd + 1 + Math.floor(rand() * 30), lastDay) : windowStart + Math.floor(rand() * (windowEnd - windowStart + 1));
    batch.records.push({ id: randomUUID(), subjectId: id, visitId: visit.visitId, planVersion: visit.planVersion, status: "completed", date: formatCalendarDate(day), contactMode: visit.contactMode, reason: null });
    completed.push(day);
  }

  // A few AEs (≈1.5 a subject, ≈8 % serious); ≈1.5 % possibly related, each with its escalation.
  const aeCount = Math.floor(rand() * 4);
  for (let k = 0; k < aeCount; k++) {
    const [term, category] = AE_TERMS[Math.floor(rand() * AE_TERMS.length)]!;
    const onset = dosing + Math.floor(rand() * (lastDay - dosing + 1));
    const serious = rand() < 0.08;
    const related = rand() < 0.01;
    const aeId = randomUUID();
    batch.aes.push({ id: aeId, siteId, subjectId: id, term, onsetDate: formatCalendarDate(onset), serious, grade: serious ? 3 : 1 + Math.floor(rand() * 2), category, relatedness: related ? "possible" : rand() < 0.5 ? "unrelated" : "unlikely", outcome: rand() < 0.8 ? "recovered" : "recovering" });
    if (related) {
      const resolved = rand() < 0.4 && onset + 30 <= todayDay;
      batch.escalations.push({ id: randomUUID(), siteId, subjectId: id, openedDate: formatCalendarDate(onset), status: resolved ? "resolved" : "open", resolvedDate: resolved ? formatCalendarDate(onset + 30) : null, adverseEventId: aeId });
    }
  }
  // Vector copy number at up to two completed visits: detected early, fading later.
  for (const day of completed.filter((_, k) => k % 4 === 0).slice(0, 2)) {
    const detected = day - dosing < 3 * 365 || rand() < 0.2;
    batch.results.push({ id: randomUUID(), siteId, subjectId: id, collectedDate: formatCalendarDate(day), detected, value: detected ? Math.round(rand() * 5000) / 100 : 0 });
  }
  if (rand() < 0.01) batch.queries.push({ id: randomUUID(), siteId, subjectId: id, code: subjectCode(index) });
}

/**
 * Row ids: a per-run prefix and a counter, so each batch appends to the end of the primary-key
 * and subject indexes instead of scattering random keys over them (random UUIDs made the load
 * slow down as the indexes outgrew shared_buffers). Opaque text, like the cuids elsewhere.
 */
const idPrefix = `l${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
let idCounter = 0;
function randomUUID(): string {
  return `${idPrefix}${(idCounter++).toString(36).padStart(8, "0")}`;
}

const unnest = (types: string[]) => types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");

/** One batch in one transaction: every table set-based, then one audit record. */
async function insertBatch(client: pg.Client, program: LargeProgram, batch: Batch, ids: { sponsorId: string; investigatorId: string; monitor: { id: string; name: string } }, range: string) {
  const { studyId, organizationId } = program;
  await client.query("BEGIN");
  const timing = process.env.SEED_LARGE_TIMING ? new Map<string, number>() : undefined;
  const query = client.query.bind(client);
  client = Object.assign(Object.create(client), {
    query: async (text: string, values?: unknown[]) => {
      const t = Date.now();
      const r = await query(text, values);
      timing?.set(text.slice(12, 30), Date.now() - t);
      return r;
    },
  }) as pg.Client;
  try {
    await client.query(
      `INSERT INTO "subject" ("id", "organizationId", "studyId", "siteId", "code", "yearOfBirth", "sex", "dosingDate", "lot", "status", "statusDate", "statusReason", "deathCause", "consentVersion", "consentDate", "createdById", "updatedAt")
       SELECT u.id, '${organizationId}', '${studyId}', u.site, u.code, u.yob, u.sex, u.dosing, u.lot, u.status, u.sdate, u.sreason, u.cause, 1, u.cdate, '${ids.investigatorId}', now()
       FROM unnest(${unnest(["text", "text", "text", "int", "text", "date", "text", "text", "date", "text", "text", "date"])}) AS u(id, site, code, yob, sex, dosing, lot, status, sdate, sreason, cause, cdate)`,
      batch.subjects.params(),
    );
    // Records before plan rows: each plan row then takes its record's status as it is inserted
    // (scheduled_visit_derive), instead of every recorded row being written twice.
    await client.query(
      `INSERT INTO "visit_record" ("id", "subjectId", "visitId", "planVersion", "status", "date", "contactMode", "assessments", "reason", "createdById", "updatedAt")
       SELECT u.id, u.subject, u.visit, u.pv, u.status, u.date, u.mode, CASE WHEN u.status = 'completed' THEN '${ASSESSMENTS}'::jsonb END, u.reason, '${ids.investigatorId}', now()
       FROM unnest(${unnest(["text", "text", "text", "int", "text", "date", "text", "text"])}) AS u(id, subject, visit, pv, status, date, mode, reason)`,
      batch.records.params(),
    );
    await client.query(
      `INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
       SELECT u.id, u.subject, 'plan', u.visit, u.pv, u.offs, u.target, u.ws, u.we, u.mode, string_to_array(u.acts, ',')
       FROM unnest(${unnest(["text", "text", "text", "int", "int", "date", "date", "date", "text", "text"])}) AS u(id, subject, visit, pv, offs, target, ws, we, mode, acts)`,
      batch.rows.params(),
    );
    await client.query(
      `INSERT INTO "adverse_event" ("id", "organizationId", "studyId", "siteId", "subjectId", "term", "onsetDate", "serious", "seriousnessCriteria", "grade", "category", "relatedness", "outcome", "createdById", "updatedAt")
       SELECT u.id, '${organizationId}', '${studyId}', u.site, u.subject, u.term, u.onset, u.serious, CASE WHEN u.serious THEN ARRAY['hospitalisation'] ELSE ARRAY[]::text[] END, u.grade, u.category, u.rel, u.outcome, '${ids.investigatorId}', now()
       FROM unnest(${unnest(["text", "text", "text", "text", "date", "bool", "int", "text", "text", "text"])}) AS u(id, site, subject, term, onset, serious, grade, category, rel, outcome)`,
      batch.aes.params(),
    );
    await client.query(
      `INSERT INTO "sample_result" ("id", "organizationId", "studyId", "siteId", "subjectId", "kind", "collectedDate", "sampleType", "assay", "detected", "value", "unit", "createdById")
       SELECT u.id, '${organizationId}', '${studyId}', u.site, u.subject, 'vector_copy_number', u.collected, 'peripheral_blood', 'qPCR', u.detected, u.value, 'copies/µg gDNA', '${ids.investigatorId}'
       FROM unnest(${unnest(["text", "text", "text", "date", "bool", "float8"])}) AS u(id, site, subject, collected, detected, value)`,
      batch.results.params(),
    );
    await client.query(
      `INSERT INTO "escalation" ("id", "organizationId", "studyId", "siteId", "subjectId", "trigger", "action", "citation", "openedDate", "status", "resolvedDate", "note", "resolvedById", "adverseEventId", "updatedAt")
       SELECT u.id, '${organizationId}', '${studyId}', u.site, u.subject, 'suspected_related_ae', 'causality_analysis_and_intensify_follow_up', 'CDE §2.3.2', u.opened, u.status, u.resolved,
         CASE WHEN u.status = 'resolved' THEN 'causality analysed: not related' END, CASE WHEN u.status = 'resolved' THEN '${ids.investigatorId}' END, u.ae, now()
       FROM unnest(${unnest(["text", "text", "text", "date", "text", "date", "text"])}) AS u(id, site, subject, opened, status, resolved, ae)`,
      batch.escalations.params(),
    );
    if (batch.queries.length > 0) {
      await client.query(
        `INSERT INTO "query" ("id", "organizationId", "studyId", "siteId", "subjectId", "targetType", "targetId", "targetLabel", "status", "raisedById", "updatedAt")
         SELECT u.id, '${organizationId}', '${studyId}', u.site, u.subject, 'subject', u.subject, u.code, 'open', '${ids.monitor.id}', now()
         FROM unnest(${unnest(["text", "text", "text", "text"])}) AS u(id, site, subject, code)`,
        batch.queries.params(),
      );
      await client.query(
        `INSERT INTO "query_message" ("id", "queryId", "organizationId", "studyId", "siteId", "kind", "text", "authorId", "authorName", "authorRole")
         SELECT gen_random_uuid()::text, u.id, '${organizationId}', '${studyId}', u.site, 'raise', 'Please confirm the dosing date against the infusion record.', '${ids.monitor.id}', $3, 'MONITOR'
         FROM unnest($1::text[], $2::text[]) AS u(id, site)`,
        [batch.queries.data.id, batch.queries.data.siteId, ids.monitor.name],
      );
    }
    await client.query(
      `INSERT INTO "audit_log" ("actorEmail", "actorRole", "organizationId", "entity", "entityId", "action", "newValues", "reason")
       VALUES ('system:seed-large', 'SYSTEM', $1, 'Study', $2, 'create', $3::jsonb, 'large program seed')`,
      [organizationId, studyId, JSON.stringify({ subjects: batch.subjects.length, codes: range, scheduledVisits: batch.rows.length, visitRecords: batch.records.length, adverseEvents: batch.aes.length, sampleResults: batch.results.length, escalations: batch.escalations.length, queries: batch.queries.length })],
    );
    await client.query("COMMIT");
    if (timing) process.stdout.write(`${JSON.stringify(Object.fromEntries(timing))}\n`);
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

function progressBar(done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const seconds = (Date.now() - started) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  const eta = rate > 0 ? (total - done) / rate : 0;
  const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} subjects  ${seconds.toFixed(0)}s  ${rate.toFixed(0)}/s  eta ${eta.toFixed(0)}s`;
  if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  else process.stdout.write(`${line}\n`);
}

export interface SeedLargeResult {
  studyId: string;
  added: number;
  subjects: number;
  seconds: number;
}

/**
 * Fill the program up to `subjects` subjects; returns how many it added. `client` is a pg
 * connection to the same database as its owner (the bulk inserts end with ANALYZE, which the app
 * role may not run); `db` is the app's client, through which the configuration is created.
 */
export async function seedLarge(db: Db, client: pg.Client, options: { subjects: number; log: (line: string) => void; progress?: boolean; team?: LargeProgramTeam }): Promise<SeedLargeResult> {
  const started = Date.now();
  const team = options.team ?? DEMO_TEAM;
  const program = await ensureProgram(db, options.subjects, team, options.log);
  const today = todayCalendarDate();
  const [sponsor, investigator, monitor] = await Promise.all(
    [team.sponsor, team.investigators[0]!, team.monitor].map((email) => db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true } })),
  );
  const ids = { sponsorId: sponsor!.id, investigatorId: investigator!.id, monitor: monitor! };
  const present = new Set((await client.query<{ code: string }>(`SELECT "code" FROM "subject" WHERE "studyId" = $1`, [program.studyId])).rows.map((r) => r.code));
  const missing = Array.from({ length: options.subjects }, (_, i) => i).filter((i) => !present.has(subjectCode(i)));
  options.log(`${present.size} subjects present, ${missing.length} to add (batches of ${BATCH}, one transaction each)`);
  let added = 0;
  const bar = Date.now();
  const progress = options.progress === false ? () => {} : progressBar;
  progress(0, missing.length, bar);
  for (let start = 0; start < missing.length; start += BATCH) {
    const indexes = missing.slice(start, start + BATCH);
    const batch = newBatch();
    const t0 = Date.now();
    for (const index of indexes) generateSubject(batch, program, index, today);
    const t1 = Date.now();
    await insertBatch(client, program, batch, ids, `${subjectCode(indexes[0]!)}…${subjectCode(indexes.at(-1)!)}`);
    added += indexes.length;
    if (process.env.SEED_LARGE_TIMING) options.log(`generate ${t1 - t0} ms, insert ${Date.now() - t1} ms`);
    progress(added, missing.length, bar);
  }
  if (options.progress !== false && process.stdout.isTTY && missing.length > 0) process.stdout.write("\n");
  // VACUUM too: the counts and the worklist are index-only scans, which need the visibility map.
  if (added > 0) await client.query("VACUUM ANALYZE");
  return { studyId: program.studyId, added, subjects: present.size + added, seconds: (Date.now() - started) / 1000 };
}
