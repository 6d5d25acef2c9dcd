import { test, expect, signIn, day } from "./fixtures";

/** A CSV of the 活动台账 sheet, as Excel saves it on Chinese Windows but in UTF-8. */
function ledger(platform: string, run: string, kind: string): { name: string; mimeType: string; buffer: Buffer } {
  const held = day(-5, 9).slice(0, 10);
  const rows = [
    "活动编号,议事平台,活动名称,活动类型,形式,本地叫法,地点,开始时间,结束时间,居民人数,利益相关方人数",
    `${run}-1,${platform},台账导入：背街小巷停车（${run}）,民生议事,现场,院坝协商,三组院坝,${held} 14:30,16:30,12,3`,
    `${run}-2,${platform},台账导入：医保政策宣讲（${run}）,${kind},,,村委会议室,${held},,20,`,
  ];
  return { name: "台账.csv", mimeType: "text/csv", buffer: Buffer.from("\ufeff" + rows.join("\r\n") + "\r\n") };
}

test("an organizer imports last month's ledger: a bad row is named, fixed, imported once, and counted", async ({ page, browser }) => {
  const run = `E2E${test.info().project.name}${Date.now() % 100000}`;
  await signIn(page, "organizer");
  await page.goto("/manage/sessions");
  const href = await page.getByRole("link", { name: /^新建活动/ }).first().getAttribute("href");
  const platform = new URL(href!, "http://x").searchParams.get("platform")!;

  await page.goto("/manage");
  await page.getByRole("link", { name: "导入台账" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入台账");
  await expect(page.getByRole("link", { name: "下载台账模板（Excel）" })).toHaveAttribute("href", "/manage/import/template.xlsx");

  // One bad row: nothing is imported, and the row and column are named.
  await page.getByLabel("台账文件（.xlsx 或 .csv）").setInputFiles(ledger(platform, run, "茶话会"));
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("台账检查结果");
  await expect(page.locator(".error-summary")).toContainText("发现以下问题");
  const bad = page.locator("tbody tr", { hasText: "茶话会" });
  await expect(bad.locator("td").nth(1)).toHaveText("3");
  await expect(bad.locator("td").nth(2)).toHaveText("活动类型");
  await expect(bad).toContainText("不是可选的值");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);

  // Fixed and uploaded again from the same page: it imports.
  await page.getByLabel("台账文件（.xlsx 或 .csv）").setInputFiles(ledger(platform, run, "政策宣讲"));
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByText("检查通过，可以导入")).toBeVisible();
  await expect(page.locator(".counts")).toContainText("2 场活动 · 35 人次到会");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status")).toHaveText("台账已导入");
  await expect(page.getByText("导入时间")).toBeVisible();

  // The same file again imports nothing.
  await page.goto("/manage/import");
  await page.getByLabel("台账文件（.xlsx 或 .csv）").setInputFiles(ledger(platform, run, "政策宣讲"));
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByText("导入时间")).toBeVisible();
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);

  // Staff find the imported sessions among the year's consultations and services.
  const staff = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await signIn(staff, "city");
  const year = day(-5, 9).slice(0, 4);
  await staff.goto(`/manage/tallies/records?year=${year}&platform=${platform}&drill=consultations`);
  await expect(staff.locator("tr", { hasText: `台账导入：背街小巷停车（${run}）` })).toHaveCount(1);
  await staff.goto(`/manage/tallies/records?year=${year}&platform=${platform}&drill=services`);
  await expect(staff.locator("tr", { hasText: `台账导入：医保政策宣讲（${run}）` })).toHaveCount(1);
});
