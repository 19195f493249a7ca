/**
 * `npm run screenshots`: walks the real flow (the bot, the GitHub and Discord stand-ins, MongoDB's
 * test server) in Debian's chromium and writes docs/screenshots/<page>-<size>-<scheme>.png; with
 * a page's name as argument, that page only.
 */
import { REST, Routes } from "discord.js";
import type { Page } from "playwright-core";
import { ROLE_CONNECTION_METADATA } from "../src/discord/role-connection.ts";
import { answerGitHub, clickButton, expireLink, linkButtonUrl } from "../test/support/chromium-flow.ts";
import {
  DESKTOP,
  hasChromium,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  openWatchedPage,
  PHONE,
  readHeading,
  saveScreenshot,
  signInToGitHub,
} from "../test/support/chromium.ts";
import { type Harness, startHarness } from "../test/support/harness.ts";
import { createMember, linkMember } from "../test/support/members.ts";

const OUT = "docs/screenshots";
const SIZES = { desktop: DESKTOP, phone: PHONE } as const;
const SCHEMES = ["light", "dark"] as const;
/** `npm run screenshots -- linked-role` rewrites that page's screenshots only. */
const ONLY = process.argv[2];

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

/**
 * The page GET /linked-role ends on, for a linked member, from a bot with Linked Roles on (the
 * Discord stand-in signs the browser in as the member and redirects straight back).
 */
const LINKED_ROLE_PAGES: typeof PAGES = {
  "linked-role": async (h, page) => {
    await page.goto(`${h.config.publicUrl}/linked-role`);
    return readHeading(page);
  },
};

async function shootAll(
  h: Harness,
  browser: Awaited<ReturnType<typeof launchChromium>>,
  pages: typeof PAGES,
  member: Member,
): Promise<void> {
  for (const [name, reach] of Object.entries(pages).filter(([name]) => !ONLY || name === ONLY)) {
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
}

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(NO_CHROMIUM_MESSAGE.replace("browser test", "screenshots"));
  const [h, linkedRoles, browser] = await Promise.all([
    startHarness(),
    startHarness({ LINKED_ROLES: "true", DISCORD_CLIENT_SECRET: "discord-client-secret" }),
    launchChromium(),
  ]);
  try {
    await shootAll(h, browser, PAGES, createMember(h, { login: "mona", name: "Mona Lisa Octocat" }));
    const member = createMember(linkedRoles, { login: "mona", name: "Mona Lisa Octocat" });
    linkedRoles.discord.signIn(member.discordId);
    // What `npm run deploy-commands` registers with LINKED_ROLES=true.
    await new REST({ api: linkedRoles.discord.apiUrl })
      .setToken(linkedRoles.discord.botToken)
      .put(Routes.applicationRoleConnectionMetadata(linkedRoles.discord.applicationId), {
        body: ROLE_CONNECTION_METADATA,
      });
    await linkMember(linkedRoles, member);
    await shootAll(linkedRoles, browser, LINKED_ROLE_PAGES, member);
  } finally {
    await browser.close();
    await Promise.all([h.stop(), linkedRoles.stop()]);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
