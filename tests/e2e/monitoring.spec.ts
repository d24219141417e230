import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

test("the monitor follows overdue to a subject and raises a query on a visit; the investigator answers it on the worklist; the monitor closes it", async ({ page, browser }) => {
  const question = `E2E ${Date.now().toString(36)}: please confirm the visit against the source.`;
  await login(page, "monitor");

  // The CAR-T study, whose overdue subjects have earlier visits recorded (a query on a visit
  // concerns its record; the AAV study's subjects have sample results only).
  const study = page.locator("#dashboard-study");
  await study.selectOption((await study.locator("option").filter({ hasText: "CART19-LTFU-01" }).getAttribute("value"))!);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/study=/);

  // The dashboard: numbers from the database, each a link to its list.
  const overdue = page.getByTestId("dashboard-overdue");
  await expect(overdue).toBeVisible();
  expect(Number(await overdue.textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId("chart-retention")).toBeVisible();
  await expect(page.getByTestId("chart-on-time")).toBeVisible();
  await expect(page.getByTestId("chart-escalations")).toBeVisible();
  await overdue.click();
  await expect(page.getByTestId("dashboard-list")).toBeVisible();

  // Filter the list on the server to SH-01 (investigator@demo.test's site), most overdue first.
  await page.locator("#list-site").selectOption({ label: "SH-01" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/site=/);
  await page.getByRole("link", { name: "Sort by Days overdue" }).click();
  await expect(page).toHaveURL(/sort=daysOverdue.*dir=asc/);
  await page.getByRole("link", { name: "Sort by Days overdue" }).click();
  await expect(page).toHaveURL(/dir=desc/);
  const rows = page.getByTestId("dashboard-list-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("SH-01");
  // Each cell sits under its own column heading.
  await expect(page.getByTestId("dashboard-list").locator("thead th").nth(1)).toContainText("Site");
  await expect(rows.first().locator("td").nth(1)).toHaveText("SH-01");
  await expect(page.getByTestId("dashboard-list").locator("thead th").nth(2)).toContainText("Study");
  await expect(rows.first().locator("td").nth(2)).toHaveText("CART19-LTFU-01");
  const subjectCode = (await rows.first().getByRole("link").textContent())!.trim();
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(subjectCode);
  const subjectUrl = new URL(page.url()).pathname;

  // Raise a query on one of the subject's recorded visits (a visit only planned is not a target).
  const panel = page.getByTestId("subject-queries");
  const form = panel.getByTestId("raise-query-form");
  if (!(await form.isVisible())) await panel.locator("summary").first().click();
  const target = form.getByLabel("About");
  const visitOption = (await target.locator("option").filter({ hasText: /^Visit: / }).first().getAttribute("value"))!;
  // The option's value is the schema's `target` object as JSON (the form posts it as is).
  const recordId = (JSON.parse(visitOption) as { type: string; id: string }).id;
  await target.selectOption(visitOption);
  await form.getByLabel("Question").fill(question);
  await form.getByRole("button", { name: "Raise a query" }).click();
  const query = panel.getByTestId("query").filter({ hasText: question });
  await expect(query).toBeVisible();
  await expect(query.getByTestId("query-status")).toHaveText("Open");
  await expect(query).toContainText("0 day(s) old");

  // The query shows on the record it concerns: the timeline's badge leads to the visit record page,
  // where it stands with its age.
  await page.locator(`a[data-testid="visit-queries-badge"][href$="/visits/${recordId}#record-queries"]`).click();
  await expect(page).toHaveURL(new RegExp(`/visits/${recordId}`));
  const onRecord = page.getByTestId("record-queries").getByTestId("query").filter({ hasText: question });
  await expect(onRecord.getByTestId("query-status")).toHaveText("Open");
  await expect(onRecord.getByTestId("query-age")).toHaveText("0 day(s) old");
  // A monitor raises another query from the record itself, its target fixed to this visit.
  const recordForm = page.getByTestId("record-queries").getByTestId("raise-query-form");
  if (!(await recordForm.isVisible())) await page.getByTestId("record-queries").locator("summary").click();
  await expect(recordForm.getByTestId("query-fixed-target")).toContainText("Visit:");
  await recordForm.getByLabel("Question").fill(`${question} (from the record)`);
  await recordForm.getByRole("button", { name: "Raise a query" }).click();
  await expect(page.getByTestId("record-queries").getByTestId("query").filter({ hasText: "(from the record)" }).getByTestId("query-status")).toHaveText("Open");
  await page.goto(subjectUrl);

  // The investigator of the site answers it from the worklist.
  const investigatorContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const investigatorPage = await investigatorContext.newPage();
  await login(investigatorPage, "investigator");
  const item = investigatorPage.getByTestId("worklist-query").filter({ hasText: question });
  await expect(item).toHaveCount(2);
  await expect(item.first()).toContainText(subjectCode);
  await item.first().getByLabel("Answer for the monitor").fill("Checked against the clinic log: the date is correct.");
  await item.first().getByRole("button", { name: "Answer" }).click();
  await expect(investigatorPage.getByTestId("worklist-query").filter({ hasText: question })).toHaveCount(1);
  // The other one the investigator follows from the worklist to the visit record and answers there.
  await investigatorPage.getByTestId("worklist-query").filter({ hasText: question }).getByRole("link", { name: subjectCode }).click();
  await expect(investigatorPage).toHaveURL(new RegExp(`/visits/${recordId}#record-queries$`));
  const toAnswer = investigatorPage.getByTestId("record-queries").getByTestId("query").filter({ hasText: "(from the record)" });
  await toAnswer.getByLabel("Answer for the monitor").fill("Contact mode corrected.");
  await toAnswer.getByRole("button", { name: "Answer" }).click();
  await expect(toAnswer.getByTestId("query-status")).toHaveText("Answered");
  await investigatorPage.goto("/investigator");
  await expect(investigatorPage.getByTestId("worklist-query").filter({ hasText: question })).toHaveCount(0);
  await investigatorContext.close();

  // The monitor sees the answer and closes the query.
  await page.goto(subjectUrl);
  const answered = page.getByTestId("subject-queries").getByTestId("query").filter({ hasText: question }).filter({ hasNotText: "(from the record)" });
  await expect(answered.getByTestId("query-status")).toHaveText("Answered");
  await expect(answered).toContainText("Checked against the clinic log");
  await answered.getByLabel("Note (optional)").fill("Verified.");
  await answered.getByRole("button", { name: "Close" }).click();
  await expect(answered.getByTestId("query-status")).toHaveText("Closed");
  await expect(answered.getByRole("button", { name: "Reopen" })).toBeVisible();
});

test("an investigator gets the dashboard for its own site only", async ({ page }) => {
  await login(page, "investigator2");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("dashboard")).toBeVisible();
  await expect(page.getByTestId("dashboard-sites")).toContainText("BJ-02");
  await expect(page.getByTestId("dashboard-sites")).not.toContainText("SH-01");
  await page.getByTestId("dashboard-subjects-active").click();
  await expect(page.getByTestId("dashboard-list-row").first()).toContainText("BJ-02");
  await expect(page.getByTestId("dashboard-list")).not.toContainText("SH-01");
});

test("the dashboard links to the selected study's exports: every site's calendar for the monitor, its own for an investigator", async ({ page, browser }) => {
  await login(page, "monitor");
  await expect(page.getByTestId("home-monitor")).toBeVisible();
  await expect(page.getByTestId("dashboard-exports-hint")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reports and exports" })).toHaveCount(0);
  const study = page.locator("#dashboard-study");
  const studyId = (await study.locator("option").filter({ hasText: "CART19-LTFU-01" }).getAttribute("value"))!;
  await study.selectOption(studyId);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`study=${studyId}`));
  const exports = page.locator("section").filter({ has: page.getByRole("heading", { name: "Reports and exports" }) });
  await expect(exports.getByRole("link", { name: "DSUR: long-term follow-up section" })).toHaveAttribute("href", `/studies/${studyId}/reports/dsur`);
  for (const [name, file] of [["Subjects (CSV)", "subjects.csv"], ["CDISC ODM 1.3.2 (XML)", "odm"]] as const) {
    await expect(exports.getByRole("link", { name })).toHaveAttribute("href", `/api/v1/studies/${studyId}/export/${file}`);
  }
  await expect(exports.getByRole("link", { name: /^Calendar of SH-01/ })).toBeVisible();
  await expect(exports.getByRole("link", { name: /^Calendar of BJ-02/ })).toBeVisible();
  // The link works for the session that sees it.
  const csv = await page.request.get(`/api/v1/studies/${studyId}/export/subjects.csv`);
  expect(csv.status()).toBe(200);

  const investigatorContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const investigatorPage = await investigatorContext.newPage();
  await login(investigatorPage, "investigator2");
  await investigatorPage.goto(`/dashboard?study=${studyId}`);
  const own = investigatorPage.locator("section").filter({ has: investigatorPage.getByRole("heading", { name: "Reports and exports" }) });
  await expect(own.getByRole("link", { name: "Subjects (CSV)" })).toBeVisible();
  await expect(own.getByRole("link", { name: /^Calendar of BJ-02/ })).toBeVisible();
  await expect(own.getByRole("link", { name: /^Calendar of SH-01/ })).toHaveCount(0);
  await investigatorContext.close();
});

test("the audit trail pages through every record (100 at a time, older ones after) and filters to one subject from its page; a bad filter is named", async ({ page }) => {
  await login(page, "monitor");
  await page.goto("/audit");
  const ids = async () => (await page.getByRole("row").locator("td:nth-child(3) code").allTextContents()).length;
  expect(await ids()).toBe(100);
  const firstPageWhen = await page.getByRole("row").nth(1).locator("td").first().textContent();
  await page.getByTestId("audit-older").click();
  await expect(page).toHaveURL(/\/audit\?before=\d+$/);
  expect(await ids()).toBeGreaterThan(0);
  // Older: the first row of page 2 is not newer than the last of page 1.
  expect((await page.getByRole("row").nth(1).locator("td").first().textContent())! <= firstPageWhen!).toBe(true);
  await expect(page.getByRole("link", { name: "Newest records" })).toHaveAttribute("href", "/audit");

  // From a subject's page: the records of that subject only (enrolment, consent, status).
  await page.goto("/subjects");
  await Promise.all([page.waitForURL(/\/subjects\/(?!new)[a-z0-9]+$/), page.getByRole("link", { name: /^SH01-/ }).first().click()]);
  const subjectId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByTestId("subject-audit-link").click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?entity=Subject&entityId=${subjectId}$`));
  const cells = page.getByRole("row").locator("td:nth-child(3)");
  expect(await cells.count()).toBeGreaterThan(0);
  for (const text of await cells.allTextContents()) expect(text).toBe(`Subject ${subjectId}`);
  await expect(page.getByTestId("audit-filter").getByLabel("What")).toHaveValue("Subject");

  await page.goto("/audit?entity=Nonsense&before=abc");
  await expect(page.getByTestId("bad-params")).toContainText("What: not a kind of record the audit trail holds");
  await expect(page.getByTestId("bad-params")).toContainText("before: not a record number");
  expect(await ids()).toBe(100);
});

test("the subject list is paged on the server, filtered by study, site and status and searched by code, also without JavaScript", async ({ page, browser }) => {
  await login(page, "monitor");
  await page.goto("/subjects");
  const rows = page.getByTestId("subjects-list").locator("tbody tr");
  const pages = page.getByTestId("subjects-pages");
  await expect(pages).toContainText(/Page 1 of \d+ \(\d+ subjects\)/);
  const total = Number((await pages.textContent())!.match(/\((\d+) subjects\)/)![1]);
  expect(total).toBeGreaterThan(40);
  expect(await rows.count()).toBe(Math.min(total, 50));

  // Status: the two withdrawn demo subjects, each marked so.
  const filter = page.getByTestId("subjects-filter");
  await filter.getByLabel("Status").selectOption("withdrawn");
  await Promise.all([page.waitForURL(/\/subjects\?.*status=withdrawn/), filter.getByRole("button", { name: "Apply" }).click()]);
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText("Withdrawn");
  await expect(pages).toContainText("Page 1 of 1 (2 subjects)");

  // Code search (anywhere in the code, any case) with a site: only that site's matching codes.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/subjects$/);
  // The form shows the cleared filter (it kept "Withdrawn" after a client-side navigation once).
  await expect(filter.getByLabel("Status")).toHaveValue("");
  const site = filter.getByLabel("Site");
  await site.selectOption((await site.locator("option").filter({ hasText: "BJ-02" }).getAttribute("value"))!);
  await filter.getByLabel("Subject code contains").fill("bj02-00");
  await Promise.all([page.waitForURL(/code=bj02-00/), filter.getByRole("button", { name: "Apply" }).click()]);
  await expect(rows.locator("td:first-child")).toHaveText(["BJ02-001", "BJ02-002", "BJ02-003", "BJ02-004", "BJ02-005", "BJ02-006", "BJ02-007", "BJ02-008", "BJ02-009"]);
  // A wildcard is taken literally: no code holds "%".
  await page.goto("/subjects?code=%25");
  await expect(page.getByTestId("subjects-list-empty")).toHaveText("No subject matches these filters.");

  // A bad parameter is named; a study outside the actor's scope is not found.
  await page.goto("/subjects?page=0&status=asleep");
  await expect(page.getByTestId("bad-params")).toContainText("page:");
  await expect(page.getByTestId("bad-params")).toContainText("status:");
  expect((await page.goto("/subjects?study=not-a-study-of-yours"))!.status()).toBe(404);

  // Without JavaScript: the filter is a GET form, the pages are links.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const offline = await noScript.newPage();
  try {
    await offline.goto("/subjects");
    await offline.getByTestId("subjects-filter").getByLabel("Status").selectOption("active");
    await Promise.all([offline.waitForURL(/status=active/), offline.getByTestId("subjects-filter").getByRole("button", { name: "Apply" }).click()]);
    const activeTotal = Number((await offline.getByTestId("subjects-pages").textContent())!.match(/\((\d+) subjects\)/)![1]);
    expect(activeTotal).toBeLessThan(total);
    if (activeTotal > 50) {
      await Promise.all([offline.waitForURL(/status=active&page=2/), offline.getByTestId("subjects-next").click()]);
      await expect(offline.getByTestId("subjects-list").locator("tbody tr")).toHaveCount(Math.min(50, activeTotal - 50));
    }
  } finally {
    await noScript.close();
  }
});
