"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { raiseQuery, transitionQuery } from "@/lib/queries/queries";
import { ZAnswerQueryInput, ZCloseQueryInput, ZRaiseQuery, ZReopenQueryInput } from "@/lib/validation/query";

const pages = (subjectId: string) => [`/subjects/${subjectId}`, "/investigator", "/monitor", "/dashboard"];

export const raiseQueryAction = defineFormAction({
  permission: "query:raise",
  input: ZRaiseQuery,
  handler: async ({ actor, input, db }) => {
    const query = await raiseQuery(db, { actor, input });
    return { id: query.id, subjectId: query.subjectId };
  },
  revalidate: (input) => pages(input.subjectId),
});

export const answerQueryAction = defineFormAction({
  permission: "query:answer",
  input: ZAnswerQueryInput,
  handler: async ({ actor, input, db }) => {
    const query = await transitionQuery(db, { actor, queryId: input.queryId, step: "answer", text: input.text });
    return { id: query.id, subjectId: query.subjectId, status: query.status };
  },
  revalidate: (_input, result) => pages(result.subjectId),
});

export const closeQueryAction = defineFormAction({
  permission: "query:close",
  input: ZCloseQueryInput,
  handler: async ({ actor, input, db }) => {
    const query = await transitionQuery(db, { actor, queryId: input.queryId, step: "close", text: input.note });
    return { id: query.id, subjectId: query.subjectId, status: query.status };
  },
  revalidate: (_input, result) => pages(result.subjectId),
});

export const reopenQueryAction = defineFormAction({
  permission: "query:close",
  input: ZReopenQueryInput,
  handler: async ({ actor, input, db }) => {
    const query = await transitionQuery(db, { actor, queryId: input.queryId, step: "reopen", text: input.text });
    return { id: query.id, subjectId: query.subjectId, status: query.status };
  },
  revalidate: (_input, result) => pages(result.subjectId),
});
