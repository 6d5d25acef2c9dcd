import { test, expect, signIn } from "./fixtures";

function day(offset: number, hour: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + offset * 86400_000); // Asia/Shanghai calendar day
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

test("an organizer publishes a session and checks a resident in", async ({ page, browser }) => {
  await signIn(page, "organizer");
  await page.getByRole("link", { name: "协商活动" }).click();
  await page.getByRole("link", { name: /新建活动/ }).first().click();
  const title = `楼道堆物整治协商（${test.info().project.name}）`;
  await page.getByLabel("活动名称").fill(title);
  await page.getByLabel("活动类型").selectOption("livelihood");
  await page.getByLabel("形式").selectOption("onsite");
  await page.getByLabel("地点", { exact: true }).fill("社区党群服务中心二楼");
  await page.getByLabel("开始时间").fill(day(10, 9));
  await page.getByLabel("结束时间").fill(day(10, 11));
  await page.getByLabel("名额").fill("30");
  await page.getByLabel("报名截止时间").fill(day(9, 18));
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存");
  await expect(page.locator(".status-line")).toHaveText("草稿");
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByRole("status")).toHaveText("活动已发布，群众可以报名了");
  const workspace = page.url().split("?")[0];
  const id = workspace.split("/").pop();

  // A resident signs up on their own phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const resident = await phone.newPage();
  await resident.goto(new URL(`/sessions/${id}`, page.url()).toString());
  await resident.getByLabel("姓名", { exact: true }).fill("周建国");
  await resident.getByLabel("手机号", { exact: true }).fill("13600000001");
  await resident.getByLabel(/我同意/).check();
  await resident.getByRole("button", { name: "提交报名" }).click();
  const code = await resident.locator(".ticket .code").innerText();
  await phone.close();

  // At the door the organizer types the code.
  await page.goto(workspace);
  await expect(page.locator(".counts")).toContainText("已报名 1");
  await page.getByLabel("报名码").fill(code.toLowerCase());
  await page.getByRole("button", { name: "签到", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("签到成功");
  await expect(page.locator(".counts")).toContainText("已签到 1");
  await expect(page.locator("table")).toContainText("周建国");
});
