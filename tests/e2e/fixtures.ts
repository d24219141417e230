import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "ltfu-demo";
export const DEMO_USERS = {
  sponsor: { email: "sponsor@demo.test", home: "/sponsor", testId: "home-sponsor", heading: "Sponsor workspace" },
  investigator: { email: "investigator@demo.test", home: "/investigator", testId: "home-investigator", heading: "Investigator workspace" },
  investigator2: { email: "investigator2@demo.test", home: "/investigator", testId: "home-investigator", heading: "Investigator workspace" },
  monitor: { email: "monitor@demo.test", home: "/monitor", testId: "home-monitor", heading: "Monitoring dashboard" },
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

/** Sign in through the real form as a demo user and wait for the role's home page. */
export async function login(page: Page, role: DemoRole): Promise<void> {
  const user = DEMO_USERS[role];
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${user.home}$`));
  await expect(page.getByTestId(user.testId)).toBeVisible();
}
