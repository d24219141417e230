import { z } from "zod";
import { printJson, readJsonInput } from "@/lib/cli/read-json-input";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { validatePlan } from "@/lib/rules/validate-plan";
import { ZPlan } from "@/lib/validation/plan";
import { ZRiskProfile } from "@/lib/validation/profile";

// npm run --silent ltfu-validate -- INPUT.json | -   with INPUT = { profile, plan }.
// Exit 0 whether or not the plan is valid: a violation is an answer, not an error.
const input = readJsonInput(z.object({ profile: ZRiskProfile, plan: ZPlan }));
printJson(validatePlan(deriveRequirements(input.profile), input.plan));
