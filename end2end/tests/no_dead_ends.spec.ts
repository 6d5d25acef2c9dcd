import { test, expect, signIn } from "./fixtures";

test("a resident is never left guessing: chips count, whole cards tap, the remembered area is named", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "我的报名", exact: true })).toBeVisible();
  // The whole card opens, not only its title: tap its lower corner.
  await page.goto("/sessions?area=all");
  const card = page.locator(".cards .card").first();
  const title = await card.locator("strong").innerText();
  const box = (await card.boundingBox())!;
  await page.mouse.click(box.x + box.width - 8, box.y + box.height - 8);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("link", { name: "已经报过名？查询我的报名" })).toBeVisible();

  // Down the tree: each chip says how many sessions it leads to, and says true.
  await page.goto("/");
  await page.locator(".area-list li a").first().click();
  await page.getByRole("link", { name: "近期协商活动" }).first().click();
  const chips = page.locator("p.chips a.chip");
  const count = await chips.count();
  expect(count).toBeGreaterThan(0);
  const nonEmpty = chips.filter({ hasNot: page.locator(".count", { hasText: /^0$/ }) }).first();
  const n = Number(await nonEmpty.locator(".count").innerText());
  await nonEmpty.click();
  await expect(page.locator("main > ul.cards > li")).toHaveCount(Math.min(n, 100));

  // Back to /sessions without an area: the page says which one it remembered, and how to leave it.
  await page.goto("/sessions");
  await expect(page.locator("main .notice").first()).toContainText("按您上次选择的区域显示");
  await page.getByRole("link", { name: "看全部区域" }).click();
  await expect(page.locator("main")).not.toContainText("按您上次选择的区域显示");
});

test("an organizer's workspace opens with what waits, each count leading to it", async ({ page }) => {
  await signIn(page, "organizer");
  const tile = page.locator("#todo .count-tile", { hasText: "待记录成果" });
  await expect(tile.locator("strong")).toHaveText(/^[1-9]\d*$/);
  await tile.click();
  const waiting = page.locator("#to-record .card").first();
  await waiting.locator("a").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("成果与跟踪");
  await expect(page.locator(".status-line")).toContainText(/待记录成果|已形成成果/);
});
