import { test, expect, signIn, publishSession, residentSignsUp } from "./fixtures";

test("an organizer publishes a session and checks a resident in", async ({ page, browser }) => {
  await signIn(page, "organizer");
  const workspace = await publishSession(page, `楼道堆物整治协商（${test.info().project.name}）`);
  const id = workspace.split("/").pop();
  const code = await residentSignsUp(browser, new URL(`/sessions/${id}`, workspace).toString(), "周建国", "13600000001");

  // At the door the organizer types the code.
  await page.goto(workspace);
  await expect(page.locator(".counts")).toContainText("已报名 1");
  await page.getByLabel("报名码").fill(code.toLowerCase());
  await page.getByRole("button", { name: "签到", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("签到成功");
  await expect(page.locator(".counts")).toContainText("已签到 1");
  await expect(page.locator("#people table")).toContainText("周建国");
});
