import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requestMetadataFromHeaders, runWithRequestMetadata } from "@/lib/audit/request-context";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { markGuarded } from "@/lib/auth/guarded";
import { AT_ANY_OWN_SITE, type Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";
import { getSessionActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { describeFailure, type Failure } from "@/lib/auth/failure";
import { formatIssuePath } from "@/lib/validation/errors";
import { findUnstorableString, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/text";
import { inputFromFormData } from "@/lib/validation/form-data";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: Failure };

interface ActionDefinition<S extends z.ZodType, R> {
  permission: Permission;
  input: S;
  handler: (context: { actor: Actor; input: z.output<S>; db: Db }) => Promise<R>;
  /** Pages to re-render after a successful change. */
  revalidate?: (input: z.output<S>, result: R) => string[];
}

/**
 * Re-rendering is a courtesy to the UI, after the change has committed: it must never turn
 * a saved change into a reported failure (outside a Next.js request, e.g. in tests, it throws).
 */
function revalidateAfterCommit(paths: string[]): void {
  for (const path of paths) {
    try {
      revalidatePath(path);
    } catch {
      // no request context: nothing is cached to invalidate
    }
  }
}

/**
 * The one wrapper for server actions: load the actor, check the permission, parse the
 * input with the shared zod schema, run, and turn expected errors into a result the form
 * can show (field errors included). The input is either the typed object or a form's
 * `FormData`, read by the schema's shape (`lib/validation/form-data.ts`) and then parsed by
 * the same schema: `<ActionForm action={action}>` submits the form as it is.
 * `run(actor, input)` is the same pipeline with an explicit actor, used by integration tests.
 */
export function defineAction<S extends z.ZodType, R>(definition: ActionDefinition<S, R>) {
  async function run(actor: Actor | null, raw: unknown): Promise<ActionResult<R>> {
    try {
      // The gate: a site-scoped permission at any of the actor's sites; the handler checks the record's site.
      const checked = requirePermission(actor, definition.permission, AT_ANY_OWN_SITE);
      const input = raw instanceof FormData ? inputFromFormData(definition.input, raw) : raw;
      const unstorable = findUnstorableString(input);
      if (unstorable) {
        const field = formatIssuePath(unstorable) || "(input)";
        return { ok: false, error: { code: "bad_request", message: `${field}: ${UNSTORABLE_TEXT_MESSAGE}`, field, fieldErrors: [{ field, message: UNSTORABLE_TEXT_MESSAGE }] } };
      }
      const parsed = definition.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: describeFailure(parsed.error) };
      const data = await definition.handler({ actor: checked, input: parsed.data, db: getDb() });
      if (definition.revalidate) revalidateAfterCommit(definition.revalidate(parsed.data, data));
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: describeFailure(error) };
    }
  }
  // A server action always runs on a signed-in session; its request's metadata goes on every audit record it writes.
  const action = async (raw: z.input<S> | FormData): Promise<ActionResult<R>> =>
    runWithRequestMetadata(requestMetadataFromHeaders(await headers(), "session"), async () => run(await getSessionActor(), raw));
  return Object.assign(markGuarded(action, definition.permission), { run });
}
