/** Stored derivations beside today's rules engine, re-assessment, request metadata in the audit trail. */
export const integrityEn = {
  "snapshot.engine": "Rule set {ruleSet} · rules engine {engineVersion}",
  "snapshot.storedProfile": "Stored with risk profile version {version}",
  "snapshot.storedPlan": "Validated at activation (risk profile version {version})",
  "snapshot.today": "Today's rules engine ({engineVersion}), same profile",
  "snapshot.differs": "Today's rules engine derives something different from the stored derivation. Nothing changes by itself: the stored derivation stays what was decided on, and activated plan versions keep the one they were validated against.",
  "snapshot.planDiffers": "Under today's rules engine this plan version would have {count} unjustified violation(s). It stays as activated; a change is an amendment.",
  "snapshot.reassessTitle": "Re-assess with today's rules engine",
  "snapshot.reassessHint": "Creates a new risk profile version with the same profile and today's derivation (audited). Activated plan versions do not change; those the new derivation would reject are listed for an amendment.",
  "snapshot.reassessReason": "Reason for the re-assessment",
  "snapshot.reassessSubmit": "Re-assess",
  "snapshot.reassessed": "Re-assessed: risk profile version {version} stores today's derivation.",
  "audit.request": "Request",
} as const;
