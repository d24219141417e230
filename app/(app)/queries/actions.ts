"use server";

import { defineAction } from "@/lib/auth/action";
import { raiseQuery, transitionQuery } from "@/lib/queries/queries";
import { ZAnswerQueryInput, ZCloseQueryInput, ZRaiseQuery, ZReopenQueryInput } from "@/lib/validation/query";

const pages = (subjectId: string) => [`/subjects/${subjectId}`, "/investigator", "/monitor", "/dashboard"];

export const raiseQueryAction = defineAction({
  permission: "query:raise",
  input: ZRaiseQuery,
  handler: async ({ actor, input, db }) => {
    const query = await raiseQuery(db, { actor, input });
    return { id: query.id, subjectId: query.subjectId };
  },
  revalidate: (input) => pages(input.subjectId),
});

export const answerQueryAction = defineAction({
  permission: "query:answer",
  input: ZAnswerQueryInput,
  handler: async ({ actor, input, db }) => {
    const query = await transitionQuery(db, { actor, queryId: input.queryId, step: "answer", text: input.text });
    return { id: query.id, subjectId: query.subjectId, status: query.status };
  },
  revalidate: (_input, result) => pages(result.subjectId),
});

export const closeQueryAction = defineAction({
  permission: "query:close",
  input: ZCloseQueryInput,
  handler: async ({ actor, input, db }) => {
    const query = await transitionQuery(db, { actor, queryId: input.queryId, step: "close", text: input.note });
    return { id: query.id, subjectId: query.subjectId, status: query.status };
  },
  revalidate: (_input, result) => pages(result.subjectId),
});

export const reopenQueryAction = defineAction({
  permission: "query:close",
  input: ZReopenQueryInput,
  handler: async ({ actor, input, db }) => {
    const query = await transitionQuery(db, { actor, queryId: input.queryId, step: "reopen", text: input.text });
    return { id: query.id, subjectId: query.subjectId, status: query.status };
  },
  revalidate: (_input, result) => pages(result.subjectId),
});
