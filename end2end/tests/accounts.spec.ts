import { test, expect, signIn } from "./fixtures";

test("staff create an organizer account and hand over its one-time password", async ({ page, browser }) => {
  await signIn(page, "district");
  await page.getByRole("link", { name: "账号管理" }).click();
  const username = `organizer.${test.info().project.name.replace("-", "")}`;
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名或单位").fill("王芳");
  await page.getByLabel("账号类型").selectOption({ label: "议事平台召集人" });
  await page.getByLabel("负责的议事平台（召集人账号）").selectOption({ index: 1 });
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("status")).toHaveText("账号已创建");
  const password = await page.locator(".notice.secret code").innerText();
  expect(password).toHaveLength(16);
  await expect(page.locator("table")).toContainText(username);

  // The new organizer signs in on their own phone with it.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const theirs = await phone.newPage();
  await theirs.goto(new URL("/login", page.url()).toString());
  await theirs.getByLabel("用户名").fill(username);
  await theirs.getByLabel("密码").fill(password);
  await theirs.getByRole("button", { name: "登录" }).click();
  await expect(theirs).toHaveURL(/\/manage$/);
  await expect(theirs.getByRole("link", { name: "我的议事平台" })).toBeVisible();
  await phone.close();
});
