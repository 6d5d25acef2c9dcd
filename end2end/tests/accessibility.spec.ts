import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test, expect, signIn, publishSessionSoon } from "./fixtures";
import type { Page } from "@playwright/test";

// axe-core, the accessibility engine browsers' own audits use, injected into each page.
const axeSource = readFileSync(createRequire(__filename).resolve("axe-core/axe.min.js"), "utf8");

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    // @ts-expect-error axe is the injected engine
    const result = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return result.violations.map(
      (v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  return found;
}

const residentPages = ["/", "/sessions?area=all", "/find", "/login", "/figures", "/r/YSTDEM22", "/no-such-page"];

test("every resident page type passes axe-core", async ({ page }) => {
  test.skip(test.info().project.name !== "js", "axe runs in the page: JavaScript on");
  await page.goto("/sessions?area=all");
  const session = await page.locator(".cards .card a").first().getAttribute("href");
  for (const path of [...residentPages, session!, `${session}/results`]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
});

test("every staff page type passes axe-core", async ({ page, browser }) => {
  test.skip(test.info().project.name !== "js", "axe runs in the page: JavaScript on");
  await signIn(page, "organizer");
  const closing = await page.locator("#to-record .card a").first().getAttribute("href");
  const desk = closing!.replace("/closing", "");
  for (const path of ["/manage", "/manage/sessions", "/manage/topics", "/manage/outcomes", "/account", desk, closing!, `${closing}?task=minutes`, `${closing}?task=outcome`]) {
    await page.goto(path);
    expect(await violations(page), path).toEqual([]);
  }
  // The check-in desk of a session about to start, with its scanner island awake.
  await page.goto("/manage");
  const checkInDesk = await publishSessionSoon(page, "无障碍检查的签到台");
  await page.goto(checkInDesk);
  await expect(page.getByRole("button", { name: "用摄像头扫码签到" })).toBeVisible();
  expect(await violations(page), "the check-in desk").toEqual([]);
  const staff = await (await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 } })).newPage();
  await signIn(staff, "city");
  for (const path of ["/manage/tallies", "/manage/areas", "/manage/platforms", "/manage/users", "/manage/members"]) {
    await staff.goto(path);
    expect(await violations(staff), path).toEqual([]);
  }
});
