/** Studies, study sites and members, consent versions (CDE §2.3.1). */
export const studiesEn = {} as const;
