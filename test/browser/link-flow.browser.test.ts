import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { answerGitHub, clickButton, expireLink, linkButtonUrl } from "../support/chromium-flow.ts";
import {
  hasChromium,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  openWatchedPage,
  PHONE,
  readHeading,
  saveScreenshot,
  signInToGitHub,
  type WatchedPage,
} from "../support/chromium.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember } from "../support/members.ts";

const SCREENSHOTS = "test-results/browser";
// Words a member should never have to read, and the shape of a stack frame.
const JARGON = /\b(state|nonce|oauth|token|pkce|undefined|null|exception)\b|\bat \S+:\d+/i;

// Skipped only on a developer's machine: in CI (which installs chromium) a missing browser fails.
const skipBrowser = !hasChromium && !process.env.CI;
if (skipBrowser) console.warn(NO_CHROMIUM_MESSAGE);

describe.skipIf(skipBrowser)("a member links their account in a real browser", () => {
  let h: Harness;
  let browser: Browser;
  const opened: WatchedPage[] = [];
  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(opened.map((watched) => watched.close()));
    await browser?.close();
    await h?.stop();
  });

  /** A browser with JavaScript off, signed in to GitHub as the member: no page may need a script. */
  async function openBrowser(githubId: number, options: { viewport?: typeof PHONE } = {}) {
    const watched = await openWatchedPage(browser, { javaScriptEnabled: false, ...options });
    opened.push(watched);
    await signInToGitHub(watched.page, h.github.url, githubId);
    return watched;
  }

  // innerText, not textContent: the rendered text is what a person reads.
  const visibleText = (page: Page) => page.locator("body").innerText();

  it("/link → GitHub's Authorize → the success page naming the account → the DM", async () => {
    const member = createMember(h, { login: "mona", name: "Mona Lisa Octocat" });
    const { page, problems } = await openBrowser(member.githubId, { viewport: PHONE });

    await answerGitHub(page, await linkButtonUrl(h, member.discordId), "Authorize");
    expect(await readHeading(page)).toBe("Link these accounts?");
    expect(await visibleText(page)).toContain(`@${member.username}`);
    await saveScreenshot(page, SCREENSHOTS, "confirm-phone");
    expect(await clickButton(page, "Link")).toBe("Your GitHub account is linked");
    expect(await readHeading(page)).toBe("Your GitHub account is linked");
    expect(new URL(page.url()).origin).toBe(h.config.publicUrl);
    expect(await page.title()).toBe("GitHub account linked · octolink");
    const text = await visibleText(page);
    expect(text).toContain("Mona Lisa Octocat");
    expect(text).toContain("@mona");
    expect(text).toContain("return to Discord");
    expect(text).not.toMatch(JARGON);
    // The avatar came from GitHub's host, which the CSP allows, and rendered.
    const avatar = page.locator(".account-github img");
    expect(await avatar.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0);
    // Readable at 360 px: nothing is wider than the screen.
    const width = await page.evaluate<number>("document.documentElement.scrollWidth");
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, SCREENSHOTS, "success-phone");
    expect(problems).toEqual([]);

    const dm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    expect(JSON.stringify(dm)).toContain("mona");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toMatchObject({
      githubLogin: "mona",
    });
  });

  it("Cancel on GitHub's page → 'Sign-in cancelled', and nothing is linked", async () => {
    const member = createMember(h);
    const { page, problems } = await openBrowser(member.githubId);

    const heading = await answerGitHub(page, await linkButtonUrl(h, member.discordId), "Cancel");
    expect(heading).toBe("Sign-in cancelled");
    const text = await visibleText(page);
    expect(text).toContain("nothing was linked");
    expect(text).toContain("run /link");
    expect(text).not.toMatch(JARGON);
    await saveScreenshot(page, SCREENSHOTS, "cancelled-desktop");
    expect(problems).toEqual([]);
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
  });

  it("an expired link → 'This link has expired' with the next step, and nothing is linked", async () => {
    const member = createMember(h);
    const { page, problems } = await openBrowser(member.githubId);
    const expired = expireLink(h, await linkButtonUrl(h, member.discordId), member.discordId);

    expect(await answerGitHub(page, expired, "Authorize")).toBe("This link has expired");
    const text = await visibleText(page);
    expect(text).toContain("10 minutes");
    expect(text).toContain("Return to Discord and run /link again");
    expect(text).not.toMatch(JARGON);
    await saveScreenshot(page, SCREENSHOTS, "expired-desktop");
    expect(problems).toEqual([]);
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
  });

  it("the console watcher does catch a CSP violation on our pages", async () => {
    const watched = await openWatchedPage(browser);
    opened.push(watched);
    const { page, problems } = watched;
    await page.goto(`${h.config.publicUrl}/no-such-page`);
    expect(await readHeading(page)).toBe("Page not found");
    expect(problems).toEqual([]);
    // Same document, same CSP: an inline style is what a careless change would add.
    await page.evaluate(
      `document.head.insertAdjacentHTML("beforeend", "<style>body { color: red }</style>")`,
    );
    await expect.poll(() => problems.join("\n")).toMatch(/Content Security Policy/);
  });
});
