import { printJson, readJsonInput } from "@/lib/cli/read-json-input";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { ZRiskProfile } from "@/lib/validation/profile";

// npm run --silent ltfu-plan -- PROFILE.json | -   (RULES-CONTRACT.md)
printJson(deriveRequirements(readJsonInput(ZRiskProfile)));
