import { test, expect } from "./fixtures";

test("长辈模式: one tap makes the text large and every button a big target, and it stays on", async ({ page }) => {
  await page.goto("/sessions?area=all");
  await page.locator(".cards .card a").first().click();
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(await size()).toBeLessThan(18);
  await page.getByRole("link", { name: "长辈模式" }).click();
  // Back on the same page, large.
  await expect(page.locator("#sign-up, .notice").first()).toBeVisible();
  expect(await size()).toBeGreaterThanOrEqual(22);
  const button = page.getByRole("button", { name: /提交报名|加入候补/ });
  expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(60);
  const name = page.getByLabel("姓名", { exact: true });
  expect((await name.boundingBox())!.height).toBeGreaterThanOrEqual(60);
  // No text smaller than 18 px in the page's main part.
  const smallest = await page.evaluate(() =>
    Math.min(...Array.from(document.querySelectorAll("main *"))
      .filter((e) => e.childNodes.length && Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim()))
      .map((e) => parseFloat(getComputedStyle(e).fontSize))),
  );
  expect(smallest).toBeGreaterThanOrEqual(18);
  // Remembered on the next page, one step larger, and back to standard.
  await page.goto("/");
  expect(await size()).toBeGreaterThanOrEqual(22);
  await page.getByRole("link", { name: "字再大些" }).click();
  expect(await size()).toBe(30);
  await page.getByRole("link", { name: "标准字号" }).click();
  expect(await size()).toBeLessThan(18);
});
