import { defineConfig } from "@playwright/test";

// Every test runs twice on a phone-sized screen: once as usual and once with JavaScript off,
// the way a resident's old phone or WeChat's browser may load the page.
const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "zh-CN",
  timezoneId: "Asia/Shanghai",
  baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
  launchOptions: {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  },
};

// The staff's desk: a 1280×800 screen with a mouse, for the scenarios an office computer runs
// (the check-in desk and the sign-in sheet, the lists, 长辈模式 on a larger screen).
const desk = { ...phone, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };
const deskScenarios = /(organizer|no_dead_ends|elder|session_tools)\.spec\.ts/;

export default defineConfig({
  testDir: "./tests",
  // A scenario here is many pages long (sign in, publish, a resident signs up, …) and the machine
  // has two cores for the server and two browsers: one run took 30 s for a 7 s scenario when the
  // VM's host was busy. The time limit catches a hang, not slowness.
  timeout: 60_000,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  projects: [
    { name: "js", use: { ...phone, javaScriptEnabled: true } },
    { name: "no-js", use: { ...phone, javaScriptEnabled: false } },
    { name: "desk-js", testMatch: deskScenarios, use: { ...desk, javaScriptEnabled: true } },
    { name: "desk-no-js", testMatch: deskScenarios, use: { ...desk, javaScriptEnabled: false } },
  ],
});
