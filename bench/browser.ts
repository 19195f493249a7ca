import { buttonUrl } from "../test/support/members.ts";
import type { BenchEnvironment, BenchMember } from "./environment.ts";

export interface AuthorizedLink {
  interactionToken: string;
  callbackUrl: string;
}

/** What a member does before reaching our pages: `/link` in Discord, "Authorize" on GitHub. */
export async function authorizeAsMember(
  env: BenchEnvironment,
  member: BenchMember,
): Promise<AuthorizedLink> {
  const sent = await env.discord.sendCommand({ name: "link", userId: member.discordId });
  const reply = await sent.reply;
  const callbackUrl = await env.github.approve(buttonUrl(reply), { userId: member.githubId });
  return { interactionToken: sent.token, callbackUrl };
}

/** Milliseconds per page of ours, by page name. */
export type PageTimings = Record<string, number>;

/**
 * Our pages after GitHub, as the browser loads them, each timed on its own. Today the callback
 * page completes the link; a confirmation step adds its POST here as one more `timePage`.
 */
export async function walkLinkPages(
  authorized: AuthorizedLink,
  member: BenchMember,
): Promise<PageTimings> {
  const timings: PageTimings = {};
  const callback = await timePage(timings, "callback", () => fetch(authorized.callbackUrl));
  expectPage(callback, member);
  return timings;
}

interface LoadedPage {
  status: number;
  body: string;
}

async function timePage(
  timings: PageTimings,
  name: string,
  load: () => Promise<Response>,
): Promise<LoadedPage> {
  const started = performance.now();
  const response = await load();
  const body = await response.text();
  timings[name] = performance.now() - started;
  return { status: response.status, body };
}

/** The last page must say the link is made, naming the member's GitHub account. */
function expectPage(page: LoadedPage, member: BenchMember): void {
  if (page.status !== 200 || !page.body.includes(member.login)) {
    throw new Error(`the link page for ${member.login} answered ${page.status}`);
  }
}
