import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { markGuarded } from "@/lib/auth/guarded";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";
import { getSessionActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { describeFailure, type Failure } from "@/lib/auth/failure";
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
      const checked = requirePermission(actor, definition.permission);
      const parsed = definition.input.safeParse(raw instanceof FormData ? inputFromFormData(definition.input, raw) : raw);
      if (!parsed.success) return { ok: false, error: describeFailure(parsed.error) };
      const data = await definition.handler({ actor: checked, input: parsed.data, db: getDb() });
      if (definition.revalidate) revalidateAfterCommit(definition.revalidate(parsed.data, data));
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: describeFailure(error) };
    }
  }
  const action = async (raw: z.input<S> | FormData): Promise<ActionResult<R>> => run(await getSessionActor(), raw);
  return Object.assign(markGuarded(action, definition.permission), { run });
}
