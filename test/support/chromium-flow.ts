import type { Page } from "playwright-core";
import { createNonce, signState } from "../../src/crypto/index.ts";
import { readHeading } from "./chromium.ts";
import { type Harness, STATE_SECRET } from "./harness.ts";
import { buttonUrl, runLink } from "./members.ts";

/** Runs /link in Discord as the member and returns the URL behind the reply's button. */
export async function linkButtonUrl(h: Harness, discordId: string): Promise<string> {
  return buttonUrl((await runLink(h, discordId)).reply);
}

/** The same button URL as a member who waited too long holds: its state expired a minute ago. */
export function expireLink(h: Harness, url: string, discordId: string): string {
  const expired = new URL(url);
  const state = signState(STATE_SECRET, {
    discordId,
    guildId: h.discord.guildId,
    nonce: createNonce(),
    expiresAt: Date.now() - 60_000,
  });
  expired.searchParams.set("state", state);
  return expired.href;
}

/** Clicks a real form button, waits for the page it leads to, and returns that page's heading. */
export async function clickButton(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name, exact: true }).click();
  return readHeading(page);
}

/**
 * Opens the /link button's URL and answers GitHub's authorize page with `answer`, as a member
 * does; resolves to the heading of the octolink page the browser lands on.
 */
export async function answerGitHub(
  page: Page,
  linkUrl: string,
  answer: "Authorize" | "Cancel",
): Promise<string> {
  await page.goto(linkUrl);
  const heading = await readHeading(page);
  if (heading !== "Authorize octolink") throw new Error(`GitHub showed "${heading}"`);
  return clickButton(page, answer);
}
