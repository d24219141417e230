/** Rules engine terms shown in the UI: requirement kinds, triggers, factors. */
export const rulesEn = {} as const;
