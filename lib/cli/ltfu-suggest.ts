import { printJson, readJsonInput } from "@/lib/cli/read-json-input";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { ZRiskProfile } from "@/lib/validation/profile";

// npm run --silent ltfu-suggest -- PROFILE.json | -   (RULES-CONTRACT.md "Suggestion")
printJson(suggestPlan(deriveRequirements(readJsonInput(ZRiskProfile))));
