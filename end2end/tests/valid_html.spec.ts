import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, signIn, publishSessionSoon } from "./fixtures";

// The W3C Nu HTML Checker (vnu.jar, the validator behind validator.w3.org/nu) over the HTML the
// server sends for every page type. The one error let through is Leptos's own `<!>` marker, a
// "bogus comment" browsers read as an empty comment.
const vnu = createRequire(__filename).resolve("vnu-jar/build/dist/vnu.jar");

type Message = { type: string; message: string; url: string; lastLine?: number; extract?: string };

async function fetched(request: APIRequestContext, paths: string[], dir: string, prefix: string): Promise<string[]> {
  const files: string[] = [];
  for (const [i, path] of paths.entries()) {
    const answer = await request.get(path);
    const file = join(dir, `${prefix}-${i}.html`);
    writeFileSync(file, await answer.text());
    files.push(file);
  }
  return files;
}

test("every page type is valid HTML by the W3C Nu checker", async ({ page, browser }) => {
  test.skip(test.info().project.name !== "js", "the server's HTML is the same with JavaScript on or off");
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "yst-vnu-"));
  try {
    await page.goto("/sessions?area=all");
    const session = await page.locator(".cards .card a").first().getAttribute("href");
    await page.goto("/");
    const area = await page.locator('main a[href^="/areas/"]:not([href$=".ics"])').first().getAttribute("href");
    const resident = [
      "/", "/sessions?area=all", area!, "/find", "/login", "/figures", "/r/YSTDEM22", "/no-such-page",
      session!, `${session}/results`, `${session}/poster`,
    ];
    const files = await fetched(page.request, resident, dir, "resident");

    await signIn(page, "organizer");
    const closing = await page.locator("#to-record .card a").first().getAttribute("href");
    const desk = await publishSessionSoon(page, "HTML 检查的签到台");
    const staffPaths = [
      "/manage", "/manage/sessions", "/manage/sessions/new", desk, closing!, `${closing}?task=minutes`,
      `${closing}?task=outcome`, "/manage/topics", "/manage/outcomes", "/account",
    ];
    files.push(...(await fetched(page.request, staffPaths, dir, "organizer")));
    const city = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await signIn(city, "city");
    const cityPaths = ["/manage/tallies", "/manage/tallies/report", "/manage/areas", "/manage/platforms", "/manage/users", "/manage/members"];
    files.push(...(await fetched(city.request, cityPaths, dir, "city")));

    const run = spawnSync(
      "java",
      ["-jar", vnu, "--errors-only", "--format", "json", "--filterpattern", "Bogus comment\\.", ...files],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.error, "java runs the checker").toBeUndefined();
    const messages: Message[] = JSON.parse(run.stderr).messages;
    const pages = [...resident, ...staffPaths, ...cityPaths];
    const problems = messages
      .filter((m) => m.message !== "Bogus comment.")
      .map((m) => `${pages[files.indexOf(m.url.replace("file:", ""))]}: ${m.message} (${m.extract ?? ""})`);
    expect(problems).toEqual([]);
    // The checker read every page.
    expect(messages.filter((m) => m.type === "non-document-error")).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
