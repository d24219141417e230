import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { validatePlan } from "@/lib/rules/validate-plan";
import { ZPlan, type TPlan } from "@/lib/validation/plan";
import { PLATFORMS, ROUTES, type TRiskProfile } from "@/lib/validation/profile";

// npm run bench:rules — derivations/s over random profiles, validatePlan calls/s on a 20-visit plan.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;

const profiles: TRiskProfile[] = Array.from({ length: 10_000 }, () => ({
  platform: pick(PLATFORMS),
  exVivo: random() < 0.5,
  route: pick(ROUTES),
  geneEditing: random() < 0.2,
  replicationCompetent: random() < 0.1,
  latency: random() < 0.1,
  integrationEnhanced: random() < 0.1,
  germlineDistribution: random() < 0.1,
  targetTissueAccessible: random() < 0.7,
}));

function measure(label: string, total: number, fn: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(total, 2000); i++) fn(i); // warm-up
  const started = performance.now();
  for (let i = 0; i < total; i++) fn(i);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${Math.round(total / seconds).toLocaleString("en-US")} per second (${total.toLocaleString("en-US")} in ${seconds.toFixed(2)} s)`);
}

const lenti = deriveRequirements({ platform: "lentivirus", exVivo: true, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true });
const plan: TPlan = ZPlan.parse(suggestPlan(lenti));
if (plan.visits.length !== 20) throw new Error(`expected a 20-visit plan, got ${plan.visits.length}`);
// A plan with violations exercises every check, not only the happy path.
const flawed: TPlan = { ...plan, durationMonths: 168, visits: plan.visits.filter((v) => v.offsetMonths !== 30).map((v) => (v.offsetMonths === 84 ? { ...v, contactMode: "phone" as const, activities: [...v.activities, { kind: "clinical_visit" as const }] } : v)) };

console.log(`node ${process.version}, ${profiles.length.toLocaleString("en-US")} random profiles`);
measure("deriveRequirements", 200_000, (i) => deriveRequirements(profiles[i % profiles.length]!));
measure("validatePlan (20 visits, valid)", 200_000, () => validatePlan(lenti, plan));
measure("validatePlan (19 visits, 3 violations)", 200_000, () => validatePlan(lenti, flawed));
measure("suggestPlan", 100_000, (i) => suggestPlan(deriveRequirements(profiles[i % profiles.length]!)));
