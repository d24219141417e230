/**
 * Refusals of the safety, monitoring and export areas (adverse events, sample results,
 * escalations, queries, dashboard, exports), spread into `errorsEn` so they are `RefusalKey`s.
 * Keys shared with the subject refusals (noSuchSubject, dateAfterToday, dateBeforeDosing,
 * asOfInvalid) have the same text and parameters there.
 */
export const errorsOversightEn = {
  "refusal.asOfInvalid": "asOf must be an existing calendar date (YYYY-MM-DD, 1900–2200).",
  "refusal.noSuchSubject": "No such subject.",
  "refusal.noSuchQuery": "No such query.",
  "refusal.noSuchQueryTarget": "The record the query is about ({id}) does not exist for this subject.",
  "refusal.queryVisitNotRecorded": "Visit {visit} is planned but not recorded yet: a query on a visit concerns its record. Raise it on the subject.",
  "refusal.queryNotOpen": "Only an open query can be answered; reload it to see its state.",
  "refusal.queryNotAnswered": "Only an answered query can be closed; reload it to see its state.",
  "refusal.queryNotClosed": "Only a closed query can be reopened; reload it to see its state.",
  "refusal.queryChangedMeanwhile": "The query was changed meanwhile; reload it.",
  "refusal.queryStatusFilter": "{field}: must be open, answered or closed.",
  "refusal.dateBeforeDosing": "Must not be before dosing ({dosing}).",
  "refusal.dateAfterToday": "Must not be after today ({today}).",
  "refusal.noSuchVisitRecordOfSubject": "{field}: no such visit record of this subject.",
  "refusal.noSuchAdverseEvent": "No such adverse event.",
  "refusal.adverseEventVersionConflict": "This adverse event was changed by someone else (you read version {read}, it is now {current}); reload it, your input is kept.",
  "refusal.adverseEventChangedMeanwhile": "The adverse event was changed meanwhile; reload it.",
  "refusal.noSuchEscalation": "No such escalation.",
  "refusal.escalationAlreadyResolved": "This escalation is already resolved.",
  "refusal.escalationChangedMeanwhile": "This escalation was changed meanwhile; reload it.",
} as const;
