/**
 * Re-consent due (CDE §2.3.1): an active subject whose consent version is below the study's active
 * one. A subject whose follow-up has ended (completed, withdrawn, lost, died) is asked for nothing
 * more, so no re-consent is due; the subject resource, the export, the subject pages and the
 * dashboard's count all apply this one rule.
 */
export function reconsentDue(subject: { status: string; consentVersion: number }, activeConsentVersion: number | null | undefined): boolean {
  return subject.status === "active" && activeConsentVersion != null && subject.consentVersion < activeConsentVersion;
}

/** `reconsentDue` for a subject read with its study's active consent version (`consentVersions` filtered to ACTIVE). */
export function isReconsentDue(subject: { status: string; consentVersion: number; study: { consentVersions: Array<{ version: number }> } }): boolean {
  return reconsentDue(subject, subject.study.consentVersions[0]?.version);
}
