import {
  type APIButtonComponent,
  type APIMessageTopLevelComponent,
  ComponentType,
  MessageFlags,
} from "discord-api-types/v10";
import type { SentCommand } from "./discord/index.ts";
import type { Harness } from "./harness.ts";
import { pendingIdOf, TestBrowser } from "./http-browser.ts";

let next = 0;

/** What the member helpers drive: the two stand-ins, whatever octolink processes sit behind them. */
type StandIns = Pick<Harness, "discord" | "github">;

/** A Discord member and a GitHub user of their own, known to both stand-ins. */
export function createMember(h: StandIns, github: { login?: string; name?: string | null } = {}) {
  next += 1;
  const discordId = `${100000000000000000n + BigInt(next)}`;
  const githubId = 5000 + next;
  const login = github.login ?? `octocat-${next}`;
  h.discord.addUser({ id: discordId, username: `member${next}`, global_name: `Member ${next}` });
  h.github.addUser({
    id: githubId,
    login,
    name: github.name === undefined ? `Octo Cat ${next}` : github.name,
    avatar_url: `${h.github.url}/avatars/u/${githubId}?v=4`,
  });
  return { discordId, githubId, login, username: `member${next}` };
}

export type Member = ReturnType<typeof createMember>;

/** The buttons in a message's action rows, in order. */
export const buttonsOf = (components: readonly APIMessageTopLevelComponent[] = []): APIButtonComponent[] =>
  components.flatMap((row) =>
    row.type === ComponentType.ActionRow
      ? row.components.filter((c): c is APIButtonComponent => c.type === ComponentType.Button)
      : [],
  );

/** The URL behind the first button of an interaction reply (or of a message, as `{ data: message }`). */
/** A browser signed in to Discord as `discordId` (the stand-in reads this cookie on its sign-in page). */
export function browserSignedInAs(h: Pick<Harness, "discord">, discordId: string): TestBrowser {
  const browser = new TestBrowser();
  browser.setCookie(h.discord.apiUrl, "discord_user", discordId);
  return browser;
}

export function buttonUrl(reply: { data?: { components?: APIMessageTopLevelComponent[] } }): string {
  const [first] = buttonsOf(reply.data?.components);
  const url = first && "url" in first ? first.url : undefined;
  if (!url) throw new Error(`reply has no link button: ${JSON.stringify(reply)}`);
  return url;
}

export async function runLink(h: Pick<Harness, "discord">, discordId: string, guildId = h.discord.guildId) {
  const command = await h.discord.sendCommand({ name: "link", userId: discordId, guildId });
  return { command, reply: await command.reply };
}

/**
 * Opens a /link button in `browser` (through our start page and Discord's sign-in when that
 * check is on) and clicks "Authorize" on GitHub as `githubId`; returns GitHub's callback URL.
 * `onVisit` sees every URL on the way, GitHub's authorize page last.
 */
export async function authorizeInBrowser(
  h: StandIns,
  browser: TestBrowser,
  url: string,
  githubId: number,
  onVisit?: (url: URL) => void,
): Promise<string> {
  const stopAt = (u: URL) => {
    onVisit?.(u);
    return u.origin === h.github.url;
  };
  const atGitHub = await browser.open(url, { stopAt });
  return h.github.approve(atGitHub.url, { userId: githubId });
}

/**
 * The walk every link starts with: /link as the member, then its button through GitHub's
 * "Authorize"; returns the command, its reply, GitHub's redirect back to our callback, and the
 * browser (with its cookies) that made the walk.
 */
export async function authorizeViaLink(
  h: StandIns,
  member: { discordId: string; githubId: number },
  opts: { browser?: TestBrowser; onVisit?: (url: URL) => void } = {},
) {
  const browser = opts.browser ?? new TestBrowser();
  const { command, reply } = await runLink(h, member.discordId);
  const callbackUrl = await authorizeInBrowser(h, browser, buttonUrl(reply), member.githubId, opts.onVisit);
  return { command, reply, callbackUrl, browser };
}

/** From GitHub's redirect back: the confirmation page, then its "Link" (or "Cancel") button. */
export async function answerConfirmation(
  browser: TestBrowser,
  callbackUrl: string,
  action: "link" | "cancel" = "link",
) {
  const confirmation = await browser.open(callbackUrl);
  const confirmHtml = (await confirmation.res?.text()) ?? "";
  const pending = pendingIdOf(confirmHtml);
  const res = await browser.submit(callbackUrl, "/auth/github/confirm", { pending, action });
  return { confirmHtml, pending, res, html: await res.text() };
}

/** The whole happy path: /link, GitHub, the confirmation page, "Link". */
export async function linkMember(h: StandIns, member: { discordId: string; githubId: number }) {
  const flow = await authorizeViaLink(h, member);
  return { ...flow, ...(await answerConfirmation(flow.browser, flow.callbackUrl)) };
}

/**
 * The message a member ends up seeing for a command: its reply, or for a deferred reply the
 * edit that replaced "thinking…".
 */
export async function settledReply(h: Harness, command: SentCommand) {
  await command.reply;
  return h.discord.waitFor(() => {
    const message = h.discord.originalMessage(command.token);
    return message && ((message.flags ?? 0) & MessageFlags.Loading) === 0 ? message : undefined;
  });
}
