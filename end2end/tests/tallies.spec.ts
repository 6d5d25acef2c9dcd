import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { test, expect, signIn } from "./fixtures";

/** A number cell of a workbook's sheet, by reference ("B3"). */
function cell(xlsx: Buffer, sheet: number, ref: string): string | undefined {
  const xml = strFromU8(unzipSync(new Uint8Array(xlsx))[`xl/worksheets/sheet${sheet}.xml`]);
  return xml.match(new RegExp(`<c r="${ref}"[^>]*><v>([^<]*)</v></c>`))?.[1];
}

test("staff open the yearly figures, follow a number to its records and download the CSV", async ({ page }) => {
  await signIn(page, "district");
  await page.getByRole("link", { name: "年度统计" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("年");
  await expect(page.locator(".lead")).toContainText("共开展协商议事活动");
  const row = page.locator("table.figures tr", { hasText: "开展协商议事活动（场）" }).first();
  const figure = (await row.locator("td.num a").innerText()).trim();

  // The monthly breakdown adds up to the figure.
  const months = await page.locator("#by-month tbody tr td:nth-child(2)").allInnerTexts();
  expect(months.reduce((sum, n) => sum + Number(n.trim()), 0)).toBe(Number(figure));

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /下载CSV/ }).click();
  const csv = readFileSync(await (await download).path(), "utf-8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const total = csv.trim().split(/\r?\n/).pop()!.split(",");
  expect(total[0]).toContain("合计");
  expect(total[2]).toBe(figure);

  const workbook = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载Excel表格" }).click();
  const xlsx = readFileSync(await (await workbook).path());
  expect((await workbook).suggestedFilename()).toMatch(/\.xlsx$/);
  // The summary sheet lists the figures from its third row: sessions first.
  expect(cell(xlsx, 1, "B3")).toBe(figure);

  await row.locator("td.num a").click();
  await expect(page.locator(".counts strong")).toHaveText(figure);
  // Each record leads on to the session behind it.
  if (Number(figure) > 0) {
    await page.locator("table a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("成果与跟踪");
  }
});

test("staff print the annual report, follow its numbers and publish the year for the public", async ({ page, browser }) => {
  await signIn(page, "district");
  await page.getByRole("link", { name: "年度统计" }).click();
  await page.getByRole("link", { name: "年度工作统计报告（可打印）" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("协商议事工作统计");
  // Charts are drawn on the server: there with or without scripts.
  await expect(page.locator("figure.chart svg").first()).toBeVisible();
  expect(await page.locator("figure.chart").count()).toBeGreaterThanOrEqual(2);
  // As an office files it: who issued it and when under the title; on paper, table heads repeat
  // on each page and headings stay with what follows them.
  await expect(page.locator(".report .issuer")).toContainText(/制表单位：\S+ · 统计日期：\d{4}年/);
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    head: getComputedStyle(document.querySelector(".report thead")!).display,
    heading: getComputedStyle(document.querySelector(".report h2")!).breakAfter,
    page: getComputedStyle(document.querySelector(".report")!).getPropertyValue("page"),
  }));
  expect(printed).toEqual({ head: "table-header-group", heading: "avoid", page: "report" });
  await page.emulateMedia({ media: "screen" });
  const lead = await page.locator(".lead").innerText();
  const sessions = lead.match(/共开展协商议事活动(\d+)场/)![1];
  const resolved = lead.match(/助力解决问题(\d+)个/)![1];

  const row = page.locator("table.figures tr", { hasText: "助力解决问题（个）" }).first();
  await expect(row.locator("td.num a")).toHaveText(resolved);
  await row.locator("td.num a").click();
  await expect(page.locator(".counts strong")).toHaveText(resolved);

  // Every record behind the number, as one streamed CSV: a header and one row per record.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出全部记录（CSV）" }).click();
  const csv = readFileSync(await (await download).path(), "utf-8");
  const records = csv.split(/\r?\n/).filter((line) => /^\d{4}-\d{2}-\d{2},/.test(line));
  expect(records.length).toBe(Number(resolved));
  expect(csv.charCodeAt(0)).toBe(0xfeff);

  // Publish the year; the public page, read without an account, says the same.
  await page.getByRole("link", { name: "年度统计" }).click();
  // It asks first, on a page of its own.
  await page.locator(".publishing").getByRole("link", { name: /公开本年度数字|重新公开/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("确定向社会公开这些数字吗？");
  await page.getByRole("button", { name: "确认公开" }).click();
  await expect(page.getByText("已公开，公开时间：")).toBeVisible();
  const visitor = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: "zh-CN",
    viewport: { width: 390, height: 844 },
  });
  const publicPage = await visitor.newPage();
  await publicPage.goto("/figures");
  await expect(publicPage.locator("section.card").first()).toContainText(`共开展协商议事活动${sessions}场`);
  await visitor.close();
});
