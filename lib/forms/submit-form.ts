"use server";

import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { guardOf } from "@/lib/auth/guarded";
import { nextSubmission, type FormState } from "@/lib/forms/form-state";

/**
 * The server end of a form submitted without JavaScript (or before hydration): `ActionForm`
 * binds a page's server action to this function and gives the result to `useActionState`, so
 * that the browser posts the form natively and the page comes back rendered with the saved
 * status or the refusal. It runs only a server action made by `defineAction` (which checks the
 * session, the permission and the input); anything else is refused. It adds no permission of its
 * own and cannot reach what the bound action itself could not.
 */
export async function submitForm(action: unknown, previous: unknown, formData: unknown): Promise<FormState<unknown>> {
  const submission = nextSubmission(previous);
  if (typeof action !== "function" || guardOf(action) === undefined || !(formData instanceof FormData)) {
    return { phase: "refused", submission, failure: { code: "bad_request", message: "This is not a form of the application." } };
  }
  try {
    const result = (await (action as (input: FormData) => Promise<ActionResult<unknown>>)(formData)) as ActionResult<unknown>;
    return result.ok ? { phase: "saved", submission, data: result.data } : { phase: "refused", submission, failure: result.error };
  } catch (error) {
    unstable_rethrow(error);
    console.error(error);
    return { phase: "refused", submission, failure: { code: "internal", message: "Something went wrong on the server. Nothing was saved." } };
  }
}
