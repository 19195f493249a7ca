import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";

/** Debian's chromium: `.ci/run` installs it; playwright never downloads a browser of its own. */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `browser test skipped: ${CHROMIUM_PATH} not found; install it with apt-get install chromium`;

// The machine has no network: without these flags chromium keeps dialling Google's hosts.
// Playwright already runs it headless with a fresh, empty --user-data-dir of its own.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });

// The real avatar hosts are out of reach here; the browser answers for them with a plain image,
// as the GitHub stand-in does for its own avatars.
const AVATAR_HOSTS = /^https:\/\/(cdn\.discordapp\.com|avatars\.githubusercontent\.com)\//;
const STAND_IN_AVATAR =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#5865f2"/></svg>';

const STATUS_MESSAGE = /^Failed to load resource: the server responded with a status of \d+/;

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught page errors and CSP violations, in the order they happened. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A page in a fresh browser context (its own cookies) that records every problem a developer
 * would see in the console. Chromium reports each CSP violation there ("Refused to ...").
 */
export async function openWatchedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options });
  await context.route(AVATAR_HOSTS, (route) =>
    route.fulfill({ status: 200, contentType: "image/svg+xml", body: STAND_IN_AVATAR }),
  );
  const page = await context.newPage();
  const problems: string[] = [];
  // An error page's own status (404, 410...) is what we meant to send, not a problem on the page.
  const documents = new Set<string>();
  page.on("request", (request) => {
    if (request.isNavigationRequest()) documents.add(request.url());
  });
  page.on("console", (message) => {
    const text = message.text();
    const { url } = message.location();
    if (STATUS_MESSAGE.test(text) && documents.has(url)) return;
    if (message.type() === "error" || /Content Security Policy/i.test(text)) {
      problems.push(`${message.type()}: ${text} (${url})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return { page, problems, close: () => context.close() };
}

/** Signs the GitHub stand-in in as `userId` for this page's browser, as a session cookie would. */
export const signInToGitHub = (page: Page, githubUrl: string, userId: number) =>
  page.context().addCookies([{ name: "gh_user", value: String(userId), url: githubUrl }]);

/** Waits until the page, its stylesheet and its images have loaded, then reads the heading. */
export async function readHeading(page: Page): Promise<string> {
  await page.waitForLoadState("load");
  // innerText, not textContent: the rendered text is what a person reads.
  return (await page.locator("h1").innerText()).trim();
}

export async function saveScreenshot(page: Page, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
