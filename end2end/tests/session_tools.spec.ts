import { test, expect, signIn, day, publishSession, residentSignsUp } from "./fixtures";

test("an organizer records a leave, moves the session and prints the sign-in sheet", async ({ page, browser }) => {
  const project = test.info().project.name;
  await signIn(page, "organizer");
  const workspace = await publishSession(page, `加装电梯意见征集（${project}）`, 12);
  const id = workspace.split("/").pop();
  const mobile = project === "js" ? "13600000011" : "13600000012";
  const code = await residentSignsUp(browser, new URL(`/sessions/${id}`, workspace).toString(), "王桂兰", mobile);

  // Leave needs a reason: refused next to the form, which stays open with the choice kept.
  await page.goto(workspace);
  const row = page.locator("#people tr").filter({ hasText: "王桂兰" });
  await row.getByText("未到场").click();
  await row.getByLabel("请假", { exact: true }).check();
  await row.getByRole("button", { name: "记录" }).click();
  await expect(row.locator(".field-error")).toHaveText("请假需填写原因");
  await expect(row.getByLabel("请假", { exact: true })).toBeChecked();
  await row.getByLabel("请假原因").fill("外出就医");
  await row.getByRole("button", { name: "记录" }).click();
  await expect(page.getByRole("status")).toHaveText("已记录");
  await expect(page.locator("#people")).toContainText("请假（外出就医）");

  // Moving the session tells everyone signed up; the registration shows the new day.
  const moved = day(14, 15);
  await page.getByLabel("开始时间").last().fill(moved);
  await page.getByLabel("结束时间").last().fill(day(14, 17));
  await page.getByLabel(/改期原因/).fill("会议室检修");
  await page.getByRole("button", { name: "改期并通知" }).click();
  await expect(page.getByRole("status")).toHaveText("活动已改期，已通知报名群众");
  const [y, m, d] = moved.slice(0, 10).split("-").map(Number);
  await page.goto(`/r/${code}`);
  await expect(page.locator(".facts")).toContainText(`${y}年${m}月${d}日`);
  await expect(page.locator(".facts")).toContainText("15:00");

  // The sign-in sheet lists the person with a masked number only.
  await page.goto(`${workspace}/sheet`);
  await expect(page.locator("table")).toContainText("王桂兰");
  await expect(page.locator("table")).toContainText(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
  await expect(page.locator("table")).not.toContainText(mobile);
});

test("a resident narrows the list by kind, and the chosen area is remembered", async ({ page }) => {
  await page.goto("/");
  const district = page.locator(".area-list li a").first();
  const name = await district.innerText();
  await district.click();
  await page.getByRole("link", { name: "近期协商活动" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name.trim());

  await page.getByLabel("活动类型").selectOption("livelihood");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/kind=livelihood/);
  for (const card of await page.locator(".card").all()) {
    await expect(card).toContainText("民生议事");
  }

  // Back on the home page the last area is offered again.
  await page.goto("/");
  await expect(page.locator(".notice")).toContainText(name.trim());
});

test("a platform's poster carries a QR code to its page", async ({ page }) => {
  await page.goto("/");
  for (let depth = 0; depth < 3 && (await page.locator(".cards a").count()) === 0; depth++) {
    await page.locator(".area-list li").filter({ hasText: /[1-9]\d* 议事平台/ }).first().locator("a").click();
  }
  await page.locator(".cards a").first().click();
  const platform = page.url();
  await page.getByRole("link", { name: "海报" }).click();
  await expect(page.locator(".poster-qr svg")).toBeVisible();
  await expect(page.locator(".poster-link")).toHaveText(new RegExp(`${new URL(platform).pathname}\\?via=qr$`));
});
