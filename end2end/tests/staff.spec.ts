import { test, expect, signIn, DEMO_PASSWORD } from "./fixtures";

test("a wrong password gets one message and keeps the username", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("district");
  await page.getByLabel("密码").fill("wrong password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator(".error-summary")).toContainText("用户名或密码不正确");
  await expect(page.getByLabel("用户名")).toHaveValue("district");
  await expect(page.getByLabel("密码")).toHaveValue("");
});

test("district staff manage their own district and cannot open another", async ({ page }) => {
  await page.goto("/");
  const other = await page.locator(".area-list a").nth(1).getAttribute("href");
  await signIn(page, "district");
  await page.getByRole("link", { name: "管理行政区划" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("东湖区");
  await expect(page.locator("table tbody tr").first()).toBeVisible();
  const response = await page.goto(other!.replace("/areas/", "/manage/areas/"));
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});

test("staff add a township: a mistake is shown next to its field and nothing typed is lost", async ({ page }) => {
  await signIn(page, "district");
  await page.goto("/manage/areas");
  const name = `测试街道${test.info().project.name}`;
  await page.locator("#field-name").first().fill(name);
  await page.locator("#field-code").first().fill("12345");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.locator(".field-error").first()).toHaveText("区划代码应为12位数字");
  await expect(page.locator("#field-name").first()).toHaveValue(name);
  await page.locator("#field-code").first().fill("");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
});

test("an organizer edits their own platform and sees it on the public page", async ({ page }) => {
  await signIn(page, "organizer");
  await page.getByRole("link", { name: "我的议事平台" }).click();
  await page.locator("table a").first().click();
  const address = `幸福路${test.info().project.name === "js" ? 8 : 9}号`;
  await page.getByLabel("地址").fill(address);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存");
  await expect(page.getByLabel("地址")).toHaveValue(address);
  await page.getByRole("link", { name: "公开页面" }).click();
  await expect(page.locator(".facts")).toContainText(address);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "city");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("status")).toHaveText("您已退出登录");
  await page.goto("/manage");
  await expect(page).toHaveURL(/\/login\?next=\/manage/);
  expect(DEMO_PASSWORD.length).toBeGreaterThan(9);
});
