import { test, expect, signIn } from "./fixtures";

test("a resident proposes a topic and rates what came of a session", async ({ page }) => {
  const project = test.info().project.name;
  await page.goto("/");
  for (let depth = 0; depth < 3 && (await page.locator(".cards a").count()) === 0; depth++) {
    await page.locator(".area-list li").filter({ hasText: /[1-9]\d* 议事平台/ }).first().locator("a").click();
  }
  await page.locator(".cards a").first().click();
  await page.getByRole("link", { name: "提出议题" }).click();
  const title = `楼下菜市场噪音扰民（${project}）`;
  await page.getByLabel("议题标题").fill(title);
  await page.getByLabel("具体情况").fill("每天凌晨四点开始卸货");
  await page.getByLabel("议题分类").selectOption("governance");
  // A number without consent is refused next to the box, and what was typed stays.
  await page.getByLabel("手机号（仅用于回复您）").fill("13500000021");
  await page.getByRole("button", { name: "提交议题" }).click();
  await expect(page.locator(".field-error")).toHaveText("请勾选同意后再提交");
  await expect(page.getByLabel("议题标题")).toHaveValue(title);
  await page.getByLabel(/我同意/).check();
  await page.getByRole("button", { name: "提交议题" }).click();
  await expect(page.getByRole("status")).toHaveText("议题已提交，审核后会在此页回复");
  await expect(page).toHaveURL(/\/t\/[2-9A-Z]{8}(\?|$)/);
  await expect(page.locator(".status-line")).toHaveText("待审核");
  await expect(page.locator(".facts")).not.toContainText("13500000021");
  // A photo is a second, optional step; a file that is not a photo is refused by its bytes.
  await page.getByLabel(/照片（JPG或PNG/).setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.locator("#error-file")).toHaveText("只能上传JPG或PNG照片");
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  await page.getByLabel(/照片（JPG或PNG/).setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "上传" }).click();
  await expect(page.getByRole("status")).toHaveText("已上传");
  await expect(page.locator("main")).toContainText("已附照片 ✓");

  // A participant of a concluded demo session looks the result up and rates it, once.
  await page.goto(`/r/${project === "js" ? "YSTDEM22" : "YSTDEM23"}`);
  await page.getByRole("link", { name: "查看协商结果" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("协商结果反馈");
  await expect(page.locator("main")).toContainText("利用小区东侧闲置地新增停车位约60个");
  await page.goBack();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.locator("#rating .field-error")).toHaveText("请选择一项");
  await page.getByLabel("基本满意", { exact: true }).check();
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("status")).toHaveText("感谢您的评价");
  await expect(page.locator("#rating")).toContainText("您的评价：基本满意");
  await expect(page.getByRole("button", { name: "提交评价" })).toHaveCount(0);
});

test("an organizer closes a session, records a suggestion and a resolved problem", async ({ page }) => {
  const project = test.info().project.name;
  await signIn(page, "organizer");
  const held = new Date(Date.now() + 8 * 3600_000 - 3 * 86400_000).toISOString().slice(0, 7);
  await page.goto(`/manage/sessions?month=${held}`);
  await page.locator("table.table a", { hasText: "楼道堆物整治协商（待记录成果）" }).click();
  await page.getByRole("link", { name: "成果与跟踪" }).click();
  await expect(page.locator("#attendance")).toContainText("到会");

  // The overview has no form to type into: each task is a screen of its own.
  await expect(page.locator("main textarea, main input:not([type=hidden]):not([type=search])")).toHaveCount(0);
  // Written already when the other project's run came first.
  await page.getByRole("link", { name: /^(填写|修改)议事记录$/ }).click();
  await page.getByLabel("议程").fill("一、通报楼道堆物情况；二、居民发言；三、形成共识");
  await page.getByLabel("协商要点").fill("");
  await page.getByLabel("达成的共识").fill("每月第一个周六集中清理，物业负责");
  // Refused (no key points): the page lands on the list of errors, a banner at the top says
  // nothing was saved, and everything typed is still there.
  await page.getByRole("button", { name: "保存议事记录" }).click();
  await expect(page).toHaveURL(/#error-summary$/);
  await expect(page.locator("#error-summary")).toBeInViewport();
  await expect(page.locator("#error-summary")).toContainText("协商要点");
  await expect(page.locator("main > .notice.error")).toContainText("没有保存");
  await expect(page.getByLabel("议程")).toHaveValue("一、通报楼道堆物情况；二、居民发言；三、形成共识");
  await expect(page.getByLabel("达成的共识")).toHaveValue("每月第一个周六集中清理，物业负责");
  await page.getByLabel("协商要点").fill("堆物集中在3至5号楼，存在消防隐患");
  await page.getByRole("button", { name: "保存议事记录" }).click();
  await expect(page.getByRole("status")).toHaveText("议事记录已保存");
  await expect(page.locator("#minutes")).toContainText("堆物集中在3至5号楼");

  const suggestion = `物业每月组织一次楼道集中清理（${project}）`;
  await page.getByRole("link", { name: "添加意见建议" }).click();
  await page.getByLabel("建议内容").fill(suggestion);
  await page.getByLabel("主办单位").fill("街道城管办");
  await page.getByRole("button", { name: "添加意见建议" }).click();
  await expect(page.getByRole("status")).toHaveText("意见建议已添加");
  await expect(page.locator("#outcomes")).toContainText(suggestion);

  const problem = `5号楼楼道堆放废旧家具（${project}）`;
  await page.getByRole("link", { name: "记录问题" }).click();
  await page.getByLabel("问题描述").fill(problem);
  await page.getByRole("button", { name: "记录问题" }).click();
  await expect(page.getByRole("status")).toHaveText("问题已记录");
  await page.locator("#problems li", { hasText: problem }).getByRole("link", { name: "标记为已解决" }).click();
  await page.getByLabel("解决依据").fill("物业已清运，现场照片存档");
  await page.getByRole("button", { name: "标记为已解决" }).click();
  await expect(page.getByRole("status")).toHaveText("问题已标记为解决");
  await expect(page.locator("#problems li", { hasText: problem })).toContainText("已解决");
});
