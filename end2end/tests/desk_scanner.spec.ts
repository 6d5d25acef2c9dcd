import { chromium, Browser, BrowserContext, Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, signIn, publishSessionSoon, residentSignsUp, DEMO_PASSWORD } from "./fixtures";
import { writeQrVideo } from "./qr_video";

// The desk's camera scanner, with Chromium's fake camera playing a video of tickets' QR codes.
// The camera is given at launch, so each test starts a browser of its own with its video.

type Line = { code: string; tone: string; ms: number; text: string; at: number };

async function cameraDesk(video: string, baseURL: string): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    permissions: ["camera"],
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("organizer");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/manage$/);
  return { browser, context, page };
}

/** Records every answer the scanner lists, with when it appeared, as it appears. */
async function recordAnswers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const lines: unknown[] = [];
    (window as unknown as { answers: unknown[] }).answers = lines;
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const node of change.addedNodes) {
          if (!(node instanceof HTMLElement) || !node.matches("li.scan-line")) continue;
          lines.push({
            code: node.dataset.code,
            tone: node.className.replace("scan-line ", ""),
            ms: Number(node.dataset.ms),
            text: node.innerText,
            at: performance.now(),
          });
        }
    }).observe(document.querySelector(".scan-log")!, { childList: true });
  });
}

const answers = (page: Page) => page.evaluate(() => (window as unknown as { answers: Line[] }).answers);

/** Publishes a session that can be checked in now, signs `names.length` residents up for it. */
async function sessionWithTickets(page: Page, browser: Browser, title: string, names: string[], phonePrefix: string) {
  await signIn(page, "organizer");
  const workspace = await publishSessionSoon(page, title);
  const id = workspace.split("/").pop();
  const codes: string[] = [];
  for (const [i, name] of names.entries()) {
    codes.push(await residentSignsUp(browser, new URL(`/sessions/${id}`, workspace).toString(), name, `${phonePrefix}${String(i).padStart(4, "0")}`));
  }
  const origin = new URL(workspace).origin;
  return { workspace, codes, links: codes.map((c) => `${origin}/checkin/${c}`) };
}

/** A session with `names` signed up, and the organizer's desk open in a browser whose camera plays
 *  their tickets (one every 0.5 s, in a loop); `scenario` runs there, and the browser is closed. */
async function atCameraDesk(
  page: Page,
  browser: Browser,
  baseURL: string,
  title: string,
  names: string[],
  phonePrefix: string,
  scenario: (desk: { page: Page; context: BrowserContext; workspace: string; codes: string[] }) => Promise<void>,
) {
  const { workspace, codes, links } = await sessionWithTickets(page, browser, title, names, phonePrefix);
  const dir = mkdtempSync(join(tmpdir(), "yst-camera-"));
  // A ticket every half second: faster than any queue of people reaches the desk.
  writeQrVideo(join(dir, "tickets.y4m"), links, { fps: 10, hold: 4, gap: 1 });
  const desk = await cameraDesk(join(dir, "tickets.y4m"), baseURL);
  try {
    await desk.page.goto(workspace);
    await recordAnswers(desk.page);
    await scenario({ page: desk.page, context: desk.context, workspace, codes });
  } finally {
    await desk.browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("without scripts the desk has no camera button and the typed code still checks in", async ({ page, browser }) => {
  test.skip(test.info().project.name === "js", "the scanner's JS-off face");
  const { workspace, codes } = await sessionWithTickets(page, browser, "扫码台无脚本", ["孙桂兰"], "1370007");
  await page.goto(workspace);
  await expect(page.locator(".scanner .counts")).toContainText("已报名 1");
  await expect(page.getByRole("button", { name: "用摄像头扫码签到" })).toHaveCount(0);
  await page.getByLabel("报名码", { exact: true }).fill(codes[0]);
  await page.getByRole("button", { name: "签到", exact: true }).first().click();
  await expect(page.getByRole("status")).toHaveText("孙桂兰 签到成功");
});

test("the camera checks in a stream of tickets, each once, naming each person", async ({ page, browser, baseURL }) => {
  test.skip(test.info().project.name === "no-js", "the camera needs the island");
  const names = ["周建国", "林秀英", "王德福", "陈桂芳", "刘志强", "杨淑珍", "赵大爷", "黄美华", "吴国平", "徐丽娟", "孙长青", "马秀兰"];
  await atCameraDesk(page, browser, baseURL!, "扫码台连续签到", names, "1370008", async ({ page: p, codes }) => {
    await expect(p.locator(".scanner .counts")).toContainText("已签到 0");
    await p.getByRole("button", { name: "用摄像头扫码签到" }).click();
    await expect(p.getByRole("button", { name: "停止扫码" })).toBeVisible();
    await expect(p.locator("[data-attended]")).toHaveText(String(names.length), { timeout: 30_000 });
    await p.getByRole("button", { name: "停止扫码" }).click();
    const seen = await answers(p);
    const done = seen.filter((l) => l.tone === "done");
    // Each ticket checked in exactly once, by name; a ticket seen again later says so.
    expect(done.map((l) => l.code).sort()).toEqual([...codes].sort());
    for (const [i, code] of codes.entries()) {
      expect(done.find((l) => l.code === code)!.text).toBe(`${names[i]} 签到成功`);
    }
    expect(seen.filter((l) => l.tone === "refused")).toEqual([]);
    // The count on the page is the server's.
    await p.reload();
    await expect(p.locator(".scanner .counts")).toContainText(`已签到 ${names.length}`);
    const ms = done.map((l) => l.ms).sort((a, b) => a - b);
    const minutes = (done[done.length - 1].at - done[0].at) / 60_000;
    console.log(
      `desk scanner: ${done.length} tickets, ${((done.length - 1) / minutes).toFixed(0)} scans/min; ` +
        `scan to name p50 ${ms[Math.floor(ms.length / 2)]} ms, max ${ms[ms.length - 1]} ms`,
    );
  });
});

test("scans made while the network is down wait on the desk and are sent once when it returns", async ({ page, browser, baseURL }) => {
  test.skip(test.info().project.name === "no-js", "the camera needs the island");
  const names = ["郑海燕", "冯建军", "蒋玉梅", "韩立新", "曹凤英"];
  await atCameraDesk(page, browser, baseURL!, "扫码台断网签到", names, "1370009", async ({ page: p, context, workspace, codes }) => {
    // The first answer to every scan is lost on the way back (the request reached the server):
    // the desk sends it again under the same key and is told the same, 签到成功, counted once.
    const answered = new Set<string>();
    await p.route("**/api/manage-sessions/scan", async (route) => {
      const key = new URLSearchParams(route.request().postData() ?? "").get("key")!;
      const reply = await route.fetch();
      if (answered.has(key)) return route.fulfill({ response: reply });
      answered.add(key);
      return route.abort("connectionreset");
    });
    await context.setOffline(true);
    await p.getByRole("button", { name: "用摄像头扫码签到" }).click();
    await expect(p.locator("[data-waiting]")).toHaveText(String(names.length), { timeout: 30_000 });
    await expect(p.locator(".scan-waiting")).toContainText("网络已断开");
    await p.getByRole("button", { name: "停止扫码" }).click();
    expect(await answers(p)).toEqual([]);

    await context.setOffline(false);
    await expect(p.locator("[data-attended]")).toHaveText(String(names.length), { timeout: 30_000 });
    await expect(p.locator(".scan-waiting")).toHaveCount(0);
    const seen = await answers(p);
    expect(seen.map((l) => l.code).sort()).toEqual([...codes].sort());
    expect(seen.every((l) => l.tone === "done" && l.text.endsWith("签到成功")), JSON.stringify(seen)).toBe(true);
    await p.unroute("**/api/manage-sessions/scan");
    await p.goto(workspace);
    await expect(p.locator(".scanner .counts")).toContainText(`已签到 ${names.length}`);
  });
});
