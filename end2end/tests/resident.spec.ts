import { test, expect } from "./fixtures";

test("a resident finds a platform near them by area, on a phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("青江市");
  await expect(page.getByRole("heading", { name: "区县" })).toBeVisible();
  // Each area lists how many platforms stand below it: follow a non-zero count down until
  // platforms are listed.
  for (let depth = 0; depth < 3 && (await page.locator(".cards a").count()) === 0; depth++) {
    await page.locator(".area-list li").filter({ hasText: /[1-9]\d* 议事平台/ }).first().locator("a").click();
    await expect(page.getByRole("heading", { name: "本级议事平台" })).toBeVisible();
  }
  const platform = page.locator(".cards a").first();
  const name = await platform.innerText();
  await platform.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("平台类型")).toBeVisible();
  await expect(page.locator(".breadcrumbs")).toContainText("青江市");
  // Nothing on the page is wider than the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the language switch works without scripts and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "District / county" })).toBeVisible();
  await page.locator(".area-list a").first().click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.getByRole("link", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();
});

test("an unknown page says so in Chinese with a 404", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "未找到" })).toBeVisible();
});
