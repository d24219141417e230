/**
 * Which catalog areas (`area.key`) the browser receives. Server components translate on the
 * server and ship no catalog; client components get only these areas: the root layout sends
 * `root`, and a page adds the areas of the client components it renders with
 * `<ClientMessages areas={CLIENT_AREAS.x}>`. tests/unit/client-areas.test.ts walks every page's
 * imports and fails when a client component would use an area the page does not send.
 */
export const CLIENT_AREAS = {
  /** Forms, refusals (with their coded parameters), the header's switch and sign-out, sign-in. */
  root: ["common", "error", "form", "refusal", "status", "role", "consent", "locale", "shell", "login"],
  /** The subject page's adverse-event, sample-result and escalation forms. */
  safety: ["safety", "aeCategory", "aeOutcome", "aeRelatedness", "sampleKind", "sampleType", "seriousness"],
  /** Raising, answering, closing and reopening queries (subject page, investigator worklist). */
  queries: ["queries"],
  sites: ["sites", "users"],
  users: ["users"],
  studies: ["studies", "phase"],
  study: ["studies", "phase", "users"],
  settings: ["settings", "exports"],
  productEditor: ["products", "product", "snapshot", "evidence", "factor", "factorStatus", "modality", "platform", "route", "derivation", "action", "kind", "trigger", "rationale"],
  /** Enrolment, re-consent, status change, visit recording, correction and signature forms. */
  subjects: ["subjects", "visits"],
  planEditor: ["plans", "products", "contact", "contactLower", "derivation", "kind", "violation", "violationKind", "violationMessage", "sampleType"],
} as const satisfies Record<string, readonly string[]>;

export type ClientAreaSet = keyof typeof CLIENT_AREAS;
