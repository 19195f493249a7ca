/**
 * `npm run screenshots`: walks the real flow (the bot, the GitHub and Discord stand-ins, MongoDB's
 * test server) in Debian's chromium and writes docs/screenshots/<page>-<size>-<scheme>.png.
 */
import type { Page } from "playwright-core";
import { answerGitHub, clickButton, expireLink, linkButtonUrl } from "../test/support/chromium-flow.ts";
import {
  DESKTOP,
  hasChromium,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  openWatchedPage,
  PHONE,
  saveScreenshot,
  signInToGitHub,
} from "../test/support/chromium.ts";
import { type Harness, startHarness } from "../test/support/harness.ts";
import { createMember } from "../test/support/members.ts";

const OUT = "docs/screenshots";
const SIZES = { desktop: DESKTOP, phone: PHONE } as const;
const SCHEMES = ["light", "dark"] as const;

type Member = ReturnType<typeof createMember>;

/** Each page, reached as a member reaches it; each walk starts from a fresh /link. */
const PAGES: Record<string, (h: Harness, page: Page, member: Member) => Promise<string>> = {
  confirm: async (h, page, member) =>
    answerGitHub(page, await linkButtonUrl(h, member.discordId), "Authorize"),
  success: async (h, page, member) => {
    await answerGitHub(page, await linkButtonUrl(h, member.discordId), "Authorize");
    return clickButton(page, "Link");
  },

  cancelled: async (h, page, member) =>
    answerGitHub(page, await linkButtonUrl(h, member.discordId), "Cancel"),
  expired: async (h, page, member) =>
    answerGitHub(
      page,
      expireLink(h, await linkButtonUrl(h, member.discordId), member.discordId),
      "Authorize",
    ),
};

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(NO_CHROMIUM_MESSAGE.replace("browser test", "screenshots"));
  const [h, browser] = await Promise.all([startHarness(), launchChromium()]);
  try {
    const member = createMember(h, { login: "mona", name: "Mona Lisa Octocat" });
    for (const [name, reach] of Object.entries(PAGES)) {
      for (const [size, viewport] of Object.entries(SIZES)) {
        for (const colorScheme of SCHEMES) {
          const watched = await openWatchedPage(browser, { viewport, colorScheme });
          await signInToGitHub(watched.page, h.github.url, member.githubId);
          const heading = await reach(h, watched.page, member);
          const file = await saveScreenshot(watched.page, OUT, `${name}-${size}-${colorScheme}`);
          await watched.close();
          if (watched.problems.length > 0) throw new Error(watched.problems.join("\n"));
          console.log(`${file}  "${heading}"`);
        }
      }
    }
  } finally {
    await browser.close();
    await h.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
