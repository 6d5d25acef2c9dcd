import { test as base, expect, Browser, Page } from "@playwright/test";

// Fails a test on any console error, uncaught exception or hydration warning.
export const test = base.extend<{ failOnConsoleErrors: void }>({
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (msg) => {
        // A page answered with 403 or 404 on purpose is logged as a failed load of the document itself.
        const ownDocument = msg.text().startsWith("Failed to load resource") && msg.location().url === page.url();
        if (ownDocument) return;
        if (msg.type() === "error" || /hydrat/i.test(msg.text())) problems.push(`${msg.type()}: ${msg.text()} (${msg.location().url})`);
      });
      page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
      await use();
      expect(problems, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const DEMO_PASSWORD = process.env.YST_DEMO_PASSWORD ?? "demo-yishitong";

export async function signIn(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/manage$/);
}

/** A local date and hour `offset` days from now, as a datetime-local field takes it (Asia/Shanghai). */
export function day(offset: number, hour: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + offset * 86400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

/** Asia/Shanghai local time `minutes` from now, as a datetime-local field takes it. */
export function minutesFromNow(minutes: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + minutes * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Creates and publishes a session starting in 45 minutes, its check-in open an hour before:
 *  the desk works now. Returns its workspace URL. */
export async function publishSessionSoon(page: Page, title: string): Promise<string> {
  return publishSessionAt(page, title, minutesFromNow(45), minutesFromNow(165), minutesFromNow(20), "60");
}

/** Creates and publishes a session as the signed-in organizer; returns its workspace URL. */
export async function publishSession(page: Page, title: string, inDays = 10): Promise<string> {
  return publishSessionAt(page, title, day(inDays, 9), day(inDays, 11), day(inDays - 1, 18), null);
}

async function publishSessionAt(
  page: Page,
  title: string,
  starts: string,
  ends: string,
  deadline: string,
  checkinLead: string | null,
): Promise<string> {
  await page.getByRole("link", { name: "协商活动" }).click();
  await page.getByRole("link", { name: /新建活动/ }).first().click();
  await page.getByLabel("活动名称").fill(title);
  await page.getByLabel("活动类型").selectOption("livelihood");
  await page.getByLabel("形式").selectOption("onsite");
  await page.getByLabel("地点", { exact: true }).fill("社区党群服务中心二楼");
  await page.getByLabel("开始时间").fill(starts);
  await page.getByLabel("结束时间").fill(ends);
  await page.getByLabel("名额").fill("30");
  await page.getByLabel("报名截止时间").fill(deadline);
  if (checkinLead) await page.getByLabel("签到开始").selectOption(checkinLead);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toHaveText("已保存");
  await expect(page.locator(".status-line")).toHaveText("草稿");
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByRole("status")).toHaveText("活动已发布，群众可以报名了");
  return page.url().split("?")[0];
}

/** Signs a resident up for a session on a phone of their own; returns the registration code. */
export async function residentSignsUp(browser: Browser, url: string, name: string, mobile: string): Promise<string> {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const resident = await phone.newPage();
  await resident.goto(url);
  await resident.getByLabel("姓名", { exact: true }).fill(name);
  await resident.getByLabel("手机号", { exact: true }).fill(mobile);
  await resident.getByLabel(/我同意/).check();
  await resident.getByRole("button", { name: "提交报名" }).click();
  const code = await resident.locator(".ticket .code").innerText();
  await phone.close();
  return code;
}
