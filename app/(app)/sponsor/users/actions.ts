"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { createUser, setUserDisabled, setUserSites } from "@/lib/organization/users";
import { ZCreateUser, ZSetUserDisabled, ZSetUserSites } from "@/lib/validation/user";

export const createUserAction = defineFormAction({
  permission: "user:manage",
  input: ZCreateUser,
  handler: async ({ actor, input, db }) => {
    const user = await createUser(db, { actor, input });
    return user;
  },
  revalidate: () => ["/sponsor/users"],
});

export const setUserDisabledAction = defineFormAction({
  permission: "user:manage",
  input: ZSetUserDisabled,
  handler: async ({ actor, input, db }) => {
    await setUserDisabled(db, { actor, input });
    return { userId: input.userId };
  },
  revalidate: () => ["/sponsor/users"],
});

export const setUserSitesAction = defineFormAction({
  permission: "user:manage",
  input: ZSetUserSites,
  handler: async ({ actor, input, db }) => setUserSites(db, { actor, input }),
  revalidate: () => ["/sponsor/users"],
});
