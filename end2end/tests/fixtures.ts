import { test as base, expect, Page } from "@playwright/test";

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
