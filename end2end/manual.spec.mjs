import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3995";
const shots = "/tmp/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
async function ctx(js, width = 390, height = 844) {
  return browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: "zh-CN", timezoneId: "Asia/Shanghai", javaScriptEnabled: js });
}
async function signIn(page, user) {
  await page.goto(base + "/login");
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("密码").fill("demo-yishitong");
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/manage$/);
}
const day = (o) => new Date(Date.now() + 8 * 3600e3 + o * 86400e3).toISOString().slice(0, 10);
for (const js of [true, false]) {
  const tag = js ? "js" : "nojs";
  const c = await ctx(js);
  const p = await c.newPage();
  await signIn(p, "organizer");
  await p.screenshot({ path: `${shots}/${tag}-dashboard.png`, fullPage: true });
  // Co-hosts on a new session form.
  await p.goto(base + "/manage/sessions/new?platform=5");
  await p.locator("#field-coorganizers").scrollIntoViewIfNeeded();
  await p.screenshot({ path: `${shots}/${tag}-cohosts.png` });
  // Member picker on the closing page of a held session.
  await p.goto(base + "/manage/sessions/829/closing?member_q=" + encodeURIComponent("林"));
  await p.locator("#members").scrollIntoViewIfNeeded();
  await p.screenshot({ path: `${shots}/${tag}-members-found.png` });
  await p.locator("#members form.form").filter({ has: p.getByRole("button", { name: "签到" }) }).first().getByRole("button", { name: "签到" }).click();
  await p.waitForLoadState();
  await p.screenshot({ path: `${shots}/${tag}-member-checked.png` });
  // Import: bad then fixed.
  const run = `M${tag}${Date.now() % 10000}`;
  const csv = (kind) => ({ name: "台账.csv", mimeType: "text/csv", buffer: Buffer.from("\ufeff活动编号,议事平台,活动名称,活动类型,地点,开始时间,居民人数\r\n" + `${run}-1,丰塘村协商议事室,板凳会：村道修缮,民生议事,村口,${day(-6)} 19:00,14\r\n${run}-2,丰塘村协商议事室,政策宣讲,${kind},村委会,${day(-4)},\r\n`) });
  await p.goto(base + "/manage/import");
  await p.screenshot({ path: `${shots}/${tag}-import.png`, fullPage: true });
  await p.getByLabel("台账文件（.xlsx 或 .csv）").setInputFiles(csv("茶话会"));
  await p.getByRole("button", { name: "上传并检查" }).click();
  await p.waitForLoadState();
  await p.screenshot({ path: `${shots}/${tag}-import-bad.png`, fullPage: true });
  await p.getByLabel("台账文件（.xlsx 或 .csv）").setInputFiles(csv("政策宣讲"));
  await p.getByRole("button", { name: "上传并检查" }).click();
  await p.waitForLoadState();
  await p.screenshot({ path: `${shots}/${tag}-import-ready.png`, fullPage: true });
  await p.getByRole("button", { name: "确认导入" }).click();
  await p.waitForLoadState();
  await p.screenshot({ path: `${shots}/${tag}-import-done.png`, fullPage: true });
  await c.close();
}
const d = await ctx(true, 1280, 800);
const s = await d.newPage();
await signIn(s, "city");
await s.goto(base + "/manage/members?year=2026");
await s.screenshot({ path: `${shots}/desk-members.png` });
const ph = await ctx(false);
const sp = await ph.newPage();
await signIn(sp, "city");
await sp.goto(base + "/manage/members?year=2026");
await sp.screenshot({ path: `${shots}/nojs-members-phone.png` });
await browser.close();
