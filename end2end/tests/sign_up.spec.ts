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

  await page.getByRole("button", { name: "取消报名" }).click();
  await expect(page.getByRole("status")).toHaveText("报名已取消");
  await expect(page.locator(".status-line")).toContainText("已取消");
});
