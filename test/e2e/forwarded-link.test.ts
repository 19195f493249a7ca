import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { pendingIdOf, TestBrowser } from "../support/http-browser.ts";
import { authorizeInBrowser, buttonUrl, createMember, linkMember, runLink } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const stored = (discordId: string) => findLinkByDiscordId(h.bot.deps.storage, discordId);

/** A runs /link and forwards the button; B opens it and signs in to GitHub as themselves. */
async function forwardTo(a: { discordId: string }, b: { githubId: number }) {
  const { reply, command } = await runLink(h, a.discordId);
  const browserB = new TestBrowser();
  const callbackUrl = await authorizeInBrowser(h, browserB, buttonUrl(reply), b.githubId);
  const { res } = await browserB.open(callbackUrl);
  const html = (await res?.text()) ?? "";
  return { browserB, callbackUrl, command, res, html, pending: pendingIdOf(html) };
}

describe("a forwarded /link button", () => {
  it("lands on a confirmation page naming A's Discord account and B's GitHub account; nothing is stored yet", async () => {
    const a = createMember(h);
    const b = createMember(h, { login: "bea", name: "Bea B" });
    const { res, html } = await forwardTo(a, b);
    expect(res?.status).toBe(200);
    expect(html).toContain(
      `<strong>Member ${a.username.slice(6)}</strong><strong class="handle">@${a.username}</strong>`,
    );
    expect(html).toContain(
      `whoever signs in to Discord as @${a.username} will be able to act as the GitHub account bea`,
    );
    expect(html).toMatch(/<img class="avatar" src="https:\/\/cdn\.discordapp\.com\/embed\/avatars\/\d\.png"/);
    expect(html).toContain('<strong>Bea B</strong><strong class="handle">@bea</strong>');
    expect(html).toContain(`If someone sent you this link, press Cancel.`);
    expect(await stored(a.discordId)).toBeNull();
  });

  it("refuses the Link POST without the cookie, with another browser's cookie, or from another site", async () => {
    const a = createMember(h);
    const b = createMember(h);
    const { browserB, callbackUrl, pending } = await forwardTo(a, b);

    const noCookie = await new TestBrowser().submit(callbackUrl, "/auth/github/confirm", {
      pending,
      action: "link",
    });
    expect(noCookie.status).toBe(403);
    const stranger = new TestBrowser();
    stranger.setCookie(callbackUrl, "octolink_browser", randomBytes(32).toString("base64url"));
    const otherCookie = await stranger.submit(callbackUrl, "/auth/github/confirm", {
      pending,
      action: "link",
    });
    expect(otherCookie.status).toBe(403);
    expect(await otherCookie.text()).toContain("Confirm in the same browser");
    const crossSiteHeaders: Array<Record<string, string>> = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const crossSite of crossSiteHeaders) {
      const res = await browserB.request(new URL("/auth/github/confirm", callbackUrl).toString(), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...crossSite },
        body: new URLSearchParams({ pending, action: "link" }).toString(),
      });
      expect(res.status).toBe(403);
    }
    expect(await stored(a.discordId)).toBeNull();
    // The cookie is HttpOnly and SameSite, and it is the one the GitHub step set.
    const cookie = (await fetch(callbackUrl)).headers.getSetCookie().join(";");
    expect(cookie).toMatch(/octolink_browser=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it("Cancel deletes the new token at GitHub and stores nothing", async () => {
    const a = createMember(h);
    const b = createMember(h);
    const { browserB, callbackUrl, pending } = await forwardTo(a, b);
    const [newToken] = h.github.tokensFor(b.githubId);
    const res = await browserB.submit(callbackUrl, "/auth/github/confirm", { pending, action: "cancel" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Nothing was linked");
    expect(h.github.isTokenValid(newToken ?? "")).toBe(false);
    expect(await stored(a.discordId)).toBeNull();
    const late = await browserB.submit(callbackUrl, "/auth/github/confirm", { pending, action: "link" });
    expect(late.status).toBe(410);
  });

  it("Link works once: a replayed POST after success is refused and changes nothing", async () => {
    const member = createMember(h);
    const { browser, callbackUrl, pending, res } = await linkMember(h, member);
    expect(res.status).toBe(200);
    const before = await stored(member.discordId);
    const replay = await browser.submit(callbackUrl, "/auth/github/confirm", { pending, action: "link" });
    expect(replay.status).toBe(410);
    expect(await replay.text()).toContain("already used");
    expect(await stored(member.discordId)).toEqual(before);
  });

  it("the success page's 'Not you? Undo' removes the link and deletes the grant at GitHub", async () => {
    const member = createMember(h);
    const { browser, callbackUrl, pending, html } = await linkMember(h, member);
    expect(html).toContain('action="/auth/github/undo"');
    const undone = await browser.submit(callbackUrl, "/auth/github/undo", { pending });
    expect(undone.status).toBe(200);
    expect(await undone.text()).toContain("Link undone");
    expect(await stored(member.discordId)).toBeNull();
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: member.githubId,
    });
    expect((await new TestBrowser().submit(callbackUrl, "/auth/github/undo", { pending })).status).toBe(403);
    expect((await browser.submit(callbackUrl, "/auth/github/undo", { pending })).status).toBe(410);
  });
});

describe("one state, one link", () => {
  it("20 concurrent callbacks with the same state give one confirmation page and 19 'already used'", async () => {
    const member = createMember(h);
    const { reply } = await runLink(h, member.discordId);
    const browser = new TestBrowser();
    const callbackUrl = await authorizeInBrowser(h, browser, buttonUrl(reply), member.githubId);
    const tokenRequests = h.github.tokenRequests();
    const pages = await Promise.all(Array.from({ length: 20 }, () => browser.open(callbackUrl)));
    const statuses = pages.map((p) => p.res?.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(19);
    expect(h.github.tokenRequests() - tokenRequests).toBe(1);
    expect(await h.bot.deps.storage.pendingLinks.countDocuments({ discordId: member.discordId })).toBe(1);
  });

  it("two members confirming the same GitHub account at once give one link and one 409", async () => {
    const [a, b] = [createMember(h), createMember(h)];
    const shared = a.githubId;
    const flows = await Promise.all(
      [a, b].map(async (m) => {
        const { reply } = await runLink(h, m.discordId);
        const browser = new TestBrowser();
        const callbackUrl = await authorizeInBrowser(h, browser, buttonUrl(reply), shared);
        const { res } = await browser.open(callbackUrl);
        return { browser, callbackUrl, pending: pendingIdOf((await res?.text()) ?? "") };
      }),
    );
    const results = await Promise.all(
      flows.map((f) =>
        f.browser.submit(f.callbackUrl, "/auth/github/confirm", { pending: f.pending, action: "link" }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await h.bot.deps.storage.links.countDocuments({ githubId: shared })).toBe(1);
  });
});

describe("start-up", () => {
  it("warns in the log that the Discord sign-in check is off", () => {
    expect(h.logs.some((l) => l.level === 40 && String(l.msg).includes("Discord sign-in check is off"))).toBe(
      true,
    );
  });
});
