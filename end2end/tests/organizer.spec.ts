import { test, expect, signIn, publishSessionSoon, residentSignsUp } from "./fixtures";

test("an organizer publishes a session and checks a resident in", async ({ page, browser }) => {
  await signIn(page, "organizer");
  const workspace = await publishSessionSoon(page, `楼道堆物整治协商（${test.info().project.name}）`);
  const id = workspace.split("/").pop();
  const publicUrl = new URL(`/sessions/${id}`, workspace).toString();
  const code = await residentSignsUp(browser, publicUrl, "周建国", "13600000001");
  await residentSignsUp(browser, publicUrl, "林秀英", "13600004321");

  // At the door the organizer types the code; the answer names the person.
  await page.goto(workspace);
  await expect(page.locator(".counts")).toContainText("已报名 2");
  await expect(page.locator("#check-in")).toContainText("签到时间");
  await page.getByLabel("报名码", { exact: true }).fill(code.toLowerCase());
  await page.getByRole("button", { name: "签到", exact: true }).first().click();
  await expect(page.getByRole("status")).toHaveText("周建国 签到成功");
  await expect(page.getByLabel("报名码", { exact: true })).toBeFocused();
  await expect(page.locator(".counts")).toContainText("已签到 1");
  await expect(page.locator("#people table")).toContainText("周建国");
  // The same code again is a warning, not a second count.
  await page.getByLabel("报名码", { exact: true }).fill(code);
  await page.getByRole("button", { name: "签到", exact: true }).first().click();
  await expect(page.getByRole("status")).toHaveText(/周建国 已经签过到了/);
  await expect(page.getByRole("status")).toHaveClass(/warning/);
  await expect(page.locator(".counts")).toContainText("已签到 1");

  // A resident who forgot the code is found by the number's last digits.
  await page.getByLabel("按姓名、手机尾号或报名码查找").fill("4321");
  await page.locator("#check-in").getByRole("button", { name: "查找" }).click();
  const found = page.locator(".desk-found li").filter({ hasText: "林秀英" });
  await found.getByRole("button", { name: "签到" }).click();
  await expect(page.getByRole("status")).toHaveText("林秀英 签到成功");
  await expect(page.locator(".counts")).toContainText("已签到 2");
  // The wrong row? Within a minute the desk takes it back.
  await page.locator(".desk-undo").getByRole("button", { name: "撤销" }).click();
  await expect(page.getByRole("status")).toHaveText(/林秀英 的签到已撤销/);
  await expect(page.locator(".counts")).toContainText("已签到 1");
});

test("a ticket's QR code opens a page where the organizer checks its holder in with one tap", async ({ page, browser }) => {
  await signIn(page, "organizer");
  const workspace = await publishSessionSoon(page, `扫码签到测试（${test.info().project.name}）`);
  const id = workspace.split("/").pop();
  const code = await residentSignsUp(browser, new URL(`/sessions/${id}`, workspace).toString(), "赵大爷", "13600000002");
  // What the camera reads from the ticket is the check-in link.
  await page.goto(`/checkin/${code}`);
  await expect(page.locator(".checkin-name")).toHaveText("赵大爷");
  await page.getByRole("button", { name: "确认签到" }).click();
  await expect(page.getByRole("status")).toHaveText("赵大爷 签到成功");
  // A stranger's camera sees nothing of the person.
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const other = await stranger.newPage();
  await other.goto(`/checkin/${code}`);
  await expect(other.locator("main")).toContainText("参会凭证");
  await expect(other.locator("main")).not.toContainText("赵大爷");
  await stranger.close();
});
