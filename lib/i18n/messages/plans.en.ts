/** LTFU plan versions, validation, record guide (CDE §2.3.2, §2.4). */
export const plansEn = {} as const;
