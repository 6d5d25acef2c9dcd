import { test, expect, signIn, publishSession, residentSignsUp } from "./fixtures";

// The stand-in gateway behind the webhook sender (end2end/gateway.mjs).
const GATEWAY = process.env.GATEWAY_URL ?? "http://127.0.0.1:3001";

/** A number nobody else in the run uses, ending in `tail`. */
function number(tail: string): string {
  const middle = String(Math.floor(Math.random() * 10 ** (8 - tail.length))).padStart(8 - tail.length, "0");
  return `135${middle}${tail}`;
}

/** The texts the gateway delivered to `mobile`, waiting until one matches `pattern`. */
async function textTo(mobile: string, pattern: RegExp): Promise<string> {
  let found = "";
  await expect
    .poll(async () => {
      const texts: string[] = await (await fetch(`${GATEWAY}/sent?to=${mobile}`)).json();
      found = texts.find((t) => pattern.test(t)) ?? "";
      return found;
    }, { timeout: 15_000 })
    .not.toBe("");
  return found;
}

test("a resident who lost the link finds the sign-up by number with a code sent to it", async ({ page, browser }) => {
  await signIn(page, "organizer");
  const workspace = await publishSession(page, "找回报名测试协商");
  const publicUrl = workspace.replace("/manage/sessions/", "/sessions/");
  const mobile = number("");
  const code = await residentSignsUp(browser, publicUrl, "周建国", mobile);
  // The confirmation reached the phone with its link.
  const confirmation = await textTo(mobile, /已报名/);
  expect(confirmation).toContain(`/r/${code}`);

  // A new phone: the link is gone.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: "zh-CN",
    javaScriptEnabled: test.info().project.name === "js",
  });
  const resident = await phone.newPage();
  await resident.goto("/");
  await resident.getByRole("link", { name: "查询我的报名" }).click();
  await expect(resident.getByRole("heading", { level: 1 })).toHaveText("查询我的报名");
  await resident.getByLabel("手机号").fill(mobile);
  await resident.getByRole("button", { name: "发送验证码" }).click();
  await expect(resident.getByText(/验证码短信已发到/)).toBeVisible();
  await expect(resident.locator("main")).not.toContainText(code);
  const sms = await textTo(mobile, /验证码\d{6}/);
  const oneTime = sms.match(/验证码(\d{6})/)![1];
  // A wrong code first, then the right one.
  const wrong = oneTime === "000000" ? "111111" : "000000";
  await resident.getByLabel("短信验证码").fill(wrong);
  await resident.getByRole("button", { name: "查看我的报名" }).click();
  await expect(resident.locator(".field-error")).toContainText("验证码不对");
  await resident.getByLabel("短信验证码").fill(oneTime);
  await resident.getByRole("button", { name: "查看我的报名" }).click();
  const card = resident.locator(".card").filter({ hasText: "找回报名测试协商" });
  await expect(card).toContainText(code);
  await card.getByRole("link").click();
  await expect(resident.locator(".ticket .code")).toHaveText(code);
  await phone.close();
});

test("an organizer sees how the texts went and sends a failed one again", async ({ page, browser }) => {
  await signIn(page, "organizer");
  const workspace = await publishSession(page, "短信送达测试协商");
  const publicUrl = workspace.replace("/manage/sessions/", "/sessions/");
  await residentSignsUp(browser, publicUrl, "陈秀梅", number(""));
  // The gateway is busy for this number the first time.
  const busy = number("9999");
  await residentSignsUp(browser, publicUrl, "刘建华", busy);

  const failed = page.locator("#messages li").filter({ hasText: "****9999" });
  await expect(async () => {
    await page.goto(workspace);
    await expect(failed).toContainText("503");
  }).toPass({ timeout: 15_000 });
  const counts = page.locator("#messages tbody tr").filter({ hasText: "报名确认" });
  await expect(counts.locator("td").nth(2)).toHaveText("1"); // sent
  await expect(counts.locator("td").nth(3)).toHaveText("1"); // failed, to retry

  await failed.getByRole("button", { name: "重新发送" }).click();
  await expect(page.getByRole("status")).toHaveText("已重新排队发送");
  // Sent at once: the gateway takes it the second time.
  await textTo(busy, /已报名/);
  await expect(async () => {
    await page.goto(workspace);
    await expect(counts.locator("td").nth(2)).toHaveText("2");
  }).toPass({ timeout: 15_000 });
  await expect(failed).toHaveCount(0);
});
