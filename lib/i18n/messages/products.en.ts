/** Products and risk profiles (CDE §2.2.1, §2.2.3). */
export const productsEn = {} as const;
