import { pendingIdOf, TestBrowser } from "../test/support/http-browser.ts";
import { authorizeViaLink } from "../test/support/members.ts";
import type { BenchEnvironment, BenchMember } from "./environment.ts";

export interface AuthorizedLink {
  interactionToken: string;
  callbackUrl: string;
}

/** What a member does before reaching our pages: `/link` in Discord, "Authorize" on GitHub. */
export async function authorizeAsMember(env: BenchEnvironment, member: BenchMember): Promise<AuthorizedLink> {
  const { command, callbackUrl } = await authorizeViaLink(env, member);
  return { interactionToken: command.token, callbackUrl };
}

/** Milliseconds per page of ours, by page name. */
export type PageTimings = Record<string, number>;

/**
 * Our pages after GitHub, as the browser loads them, each timed on its own: the callback's
 * confirmation page, then its "Link" button (with the cookie the callback set).
 */
export async function walkLinkPages(authorized: AuthorizedLink, member: BenchMember): Promise<PageTimings> {
  const timings: PageTimings = {};
  const browser = new TestBrowser();
  const { callbackUrl } = authorized;
  const confirmation = await timePage(timings, "callback", () =>
    browser.request(callbackUrl, { method: "GET" }),
  );
  expectPage(confirmation, member);
  const pending = pendingIdOf(confirmation.body);
  const linked = await timePage(timings, "confirm", () =>
    browser.submit(callbackUrl, "/auth/github/confirm", { pending, action: "link" }),
  );
  expectPage(linked, member);
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

/** Each page must answer 200 and name the member's GitHub account. */

function expectPage(page: LoadedPage, member: BenchMember): void {
  if (page.status !== 200 || !page.body.includes(member.login)) {
    throw new Error(`the link page for ${member.login} answered ${page.status}`);
  }
}
