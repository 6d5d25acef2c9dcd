import { readFileSync } from "node:fs";
import { test, expect, signIn } from "./fixtures";

test("staff open the yearly figures, follow a number to its records and download the CSV", async ({ page }) => {
  await signIn(page, "district");
  await page.getByRole("link", { name: "年度统计" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("年协商议事工作统计");
  await expect(page.locator(".lead")).toContainText("共开展协商议事活动");
  const row = page.locator("table.figures tr", { hasText: "开展协商议事活动（场）" }).first();
  const figure = (await row.locator("td.num a").innerText()).trim();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /下载CSV/ }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf-8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const total = csv.trim().split(/\r?\n/).pop()!.split(",");
  expect(total[0]).toContain("合计");
  expect(total[2]).toBe(figure);

  const workbook = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载Excel表格" }).click();
  const xlsx = readFileSync(await (await workbook).path());
  expect(xlsx.subarray(0, 2).toString()).toBe("PK");
  expect((await workbook).suggestedFilename()).toMatch(/\.xlsx$/);

  await row.locator("td.num a").click();
  await expect(page.locator(".counts strong")).toHaveText(figure);
  // Each record leads on to the session behind it.
  if (Number(figure) > 0) {
    await page.locator("table a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("成果与跟踪");
  }
});
