/** re-consent due (CDE §2.3.1): an active subject whose consent version is below the study's active one. */
export function isReconsentDue(subject: { status: string; consentVersion: number; study: { consentVersions: Array<{ version: number }> } }): boolean {
  const active = subject.study.consentVersions[0]?.version;
  return subject.status === "active" && active !== undefined && subject.consentVersion < active;
}
