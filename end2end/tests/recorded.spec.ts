import { test, expect, signIn, day } from "./fixtures";

test("an organizer records last week's yard meeting from its sign-in sheet, and staff find it marked", async ({ page, browser }) => {
  const title = `院坝协商：垃圾分类点位（${test.info().project.name}）`;
  await signIn(page, "organizer");
  await page.goto("/manage/sessions");
  await page.getByRole("link", { name: /^补录活动/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("补录已举行的活动");

  await page.getByLabel("活动名称").fill(title);
  await page.getByLabel("活动类型").selectOption("council");
  await page.getByLabel("地点").fill("三组院坝");
  await page.getByLabel("开始时间").fill(day(-3, 9));
  await page.getByLabel("结束时间").fill(day(-3, 11));
  const roster = page.getByLabel("参加人员名单");
  await roster.fill("张建国 13800138000\n李秀英 1380013\n王芳 专家");
  await page.getByRole("button", { name: "保存补录" }).click();

  // The wrong line is named, next to the list and at the top, and nothing typed is lost.
  await expect(page.locator(".error-summary")).toContainText("第2行：手机号应为11位数字");
  await expect(page.locator("#lines-roster")).toContainText("第2行");
  await expect(roster).toHaveValue("张建国 13800138000\n李秀英 1380013\n王芳 专家");
  await expect(page.getByLabel("活动名称")).toHaveValue(title);

  await roster.fill("张建国 13800138000\n李秀英\n王芳 专家");
  await page.getByRole("button", { name: "保存补录" }).click();
  await expect(page.getByRole("status")).toContainText("已补录");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("成果与跟踪");
  await expect(page.locator("#evidence")).toContainText("补录");
  await expect(page.locator("#attendance")).toContainText("到会 3");

  // Staff see it among the year's sessions, marked, and on its own under 只看补录.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "city");
  const year = day(-3, 9).slice(0, 4);
  await staff.goto(`/manage/tallies/records?year=${year}&drill=consultations`);
  await staff.getByRole("link", { name: "只看补录" }).click();
  const row = staff.locator("tr", { hasText: title });
  await expect(row).toBeVisible();
  await expect(row.locator(".chip")).toHaveText("补录");
});
