import { test, expect } from "./fixtures";

test("a resident finds a session, signs up, sees the code and cancels", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "近期协商活动" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("近期协商活动");
  const open = page.locator(".card").filter({ hasText: "剩余名额" }).first();
  const title = await open.locator("strong").innerText();
  await open.locator("a").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // A malformed number is named next to its field and what was typed stays.
  const mobile = test.info().project.name === "js" ? "13700000001" : "13700000002";
  await page.getByLabel("姓名", { exact: true }).fill("李秀英");
  await page.getByLabel("手机号", { exact: true }).fill("12345");
  await page.getByLabel(/我同意/).check();
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.locator("#error-mobile")).toHaveText("手机号应为11位数字，以13至19开头");
  await expect(page.getByLabel("姓名", { exact: true })).toHaveValue("李秀英");

  await page.getByLabel("手机号", { exact: true }).fill(mobile);
  await page.getByLabel(/我同意/).check();
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.getByRole("status")).toHaveText("报名成功");
  await expect(page).toHaveURL(/\/r\/[2-9A-Z]{8}/);
  const code = await page.locator(".ticket .code").innerText();
  expect(code).toMatch(/^[2-9A-Z]{8}$/);
  await expect(page.locator(".qr svg")).toBeVisible();
  await expect(page.locator(".facts")).toContainText(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
  await expect(page.locator(".facts")).not.toContainText(mobile);

  // Tapping again with the same number returns the same registration.
  await page.goBack();
  await page.goBack();
  await page.getByLabel("姓名", { exact: true }).fill("李秀英");
  await page.getByLabel("手机号", { exact: true }).fill(mobile);
  await page.getByLabel(/我同意/).check();
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.getByRole("status")).toHaveText("该手机号已报名本次活动，以下是您的报名信息");
  await expect(page.locator(".ticket .code")).toHaveText(code);

  // Cancelling asks first; the cancelled ticket shows no code to use at the door.
  await page.getByRole("link", { name: "取消报名" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("确定取消报名吗？");
  await page.getByRole("button", { name: "确定取消报名" }).click();
  await expect(page.getByRole("status")).toHaveText("报名已取消");
  await expect(page.locator(".status-line")).toContainText("已取消");
  await expect(page.locator(".ticket")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "重新报名" })).toBeVisible();
});

test("a double tap lands on one code, and the number typed on another phone reveals nothing", async ({ page, browser }) => {
  await page.goto("/sessions");
  const open = page.locator(".card").filter({ hasText: "剩余名额" }).first();
  await open.locator("a").first().click();
  const sessionUrl = page.url();
  const mobile = test.info().project.name === "js" ? "13700000011" : "13700000012";

  // Two taps that both reach the server (the browser sends the form twice, with this phone's
  // cookie): one registration, and both answers land on its code.
  await page.getByLabel("姓名", { exact: true }).fill("王秀英");
  await page.getByLabel("手机号", { exact: true }).fill(mobile);
  await page.getByLabel(/我同意/).check();
  const sessionId = await page.locator('input[name="session_id"]').inputValue();
  const origin = new URL(sessionUrl).origin;
  const [, second] = await Promise.all([
    page.getByRole("button", { name: "提交报名" }).click(),
    page.request.post("/api/sessions/sign-up", {
      form: { session_id: sessionId, name: "王秀英", mobile, consent: "yes" },
      headers: { Origin: origin, Referer: sessionUrl, Accept: "text/html" },
      maxRedirects: 0,
    }),
  ]);
  await expect(page).toHaveURL(/\/r\/[2-9A-Z]{8}/);
  const code = await page.locator(".ticket .code").innerText();
  expect(second.headers()["location"]).toMatch(new RegExp(`^/r/${code}`));

  // Someone else who knows the number, on their own phone, learns nothing and changes nothing.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    javaScriptEnabled: test.info().project.name === "js",
  });
  const other = await phone.newPage();
  await other.goto(sessionUrl);
  await other.getByLabel("姓名", { exact: true }).fill("冒名者");
  await other.getByLabel("手机号", { exact: true }).fill(mobile);
  await other.getByLabel(/我同意/).check();
  await other.getByRole("button", { name: "提交报名" }).click();
  await expect(other.locator("#error-mobile")).toHaveText(
    "这个号码已报名本场活动，请查看报名短信或到场时向工作人员出示身份",
  );
  await expect(other).not.toHaveURL(/\/r\//);
  await expect(other.locator("body")).not.toContainText(code);
  await expect(other.locator("body")).not.toContainText("王秀英");
  await phone.close();

  // The phone that signed up, coming back another day, still lands on its code and name.
  await page.goto(sessionUrl);
  await page.getByLabel("姓名", { exact: true }).fill("王秀英");
  await page.getByLabel("手机号", { exact: true }).fill(mobile);
  await page.getByLabel(/我同意/).check();
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.locator(".ticket .code")).toHaveText(code);
  await expect(page.locator(".facts")).toContainText("王秀英");
});

test("a sign-up sent empty is answered by the app, every field at once, where the reader is looking", async ({ page }) => {
  await page.goto("/sessions");
  await page.locator(".card").filter({ hasText: "剩余名额" }).first().locator("a").first().click();
  // No browser bubble (the form is `novalidate`): the server's own messages, in the page's
  // language, each named by its field, and the page opens at them.
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page).toHaveURL(/#error-summary$/);
  await expect(page.locator("#error-summary")).toBeInViewport();
  await expect(page.locator("#error-summary")).toContainText("姓名：请填写此项");
  await expect(page.locator("#error-summary")).toContainText("手机号：");
  await expect(page.locator("#error-name")).toBeVisible();
});
