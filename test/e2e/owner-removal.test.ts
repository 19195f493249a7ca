import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import { createMember, linkMember } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  // Two members holding one GitHub account shows that every link to it goes.
  h = await startHarness({ ALLOW_SHARED_GITHUB: "true" });
});
afterAll(async () => {
  await h?.stop();
});

const linksTo = (githubId: number) => h.bot.deps.storage.links.countDocuments({ githubId }).exec();
const removalIdOf = (html: string) => /name="removal" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** The owner opens /auth/github/remove and signs in to GitHub; returns GitHub's callback URL. */
async function signInAsOwner(browser: TestBrowser, githubId: number) {
  const { url } = await browser.open(`${h.config.publicUrl}/auth/github/remove`, {
    stopAt: (u) => u.origin === h.github.url,
  });
  return { authorizeUrl: url, callbackUrl: await h.github.approve(url, { userId: githubId }) };
}

/** A GitHub account (`owner`) linked by two other Discord members. */
async function linkedByOthers() {
  const owner = createMember(h, { login: `owner-${randomBytes(3).toString("hex")}` });
  const [a, b] = [createMember(h), createMember(h)];
  for (const member of [a, b]) {
    expect((await linkMember(h, { discordId: member.discordId, githubId: owner.githubId })).res.status).toBe(
      200,
    );
  }
  await h.bot.deps.notifier.drain();
  return { owner, members: [a, b] };
}

describe("GET /auth/github/remove: a GitHub owner removes links to their account", () => {
  it("signs in with GitHub, confirms, and every link goes, the grant is revoked, each member is told", async () => {
    const { owner, members } = await linkedByOthers();
    const browser = new TestBrowser();
    const { authorizeUrl, callbackUrl } = await signInAsOwner(browser, owner.githubId);
    const authorize = new URL(authorizeUrl).searchParams;
    expect(authorize.get("state")).toMatch(/^r1\./);
    expect(authorize.get("code_challenge_method")).toBe("S256");
    expect(authorize.get("redirect_uri")).toBe(`${h.config.publicUrl}/auth/github/callback`);

    const { res } = await browser.open(callbackUrl);
    const html = (await res?.text()) ?? "";
    expect(res?.status).toBe(200);
    expect(html).toContain("Remove links to your GitHub account?");
    expect(html).toContain(`2 Discord accounts on Discord are linked to the GitHub account ${owner.login}`);
    const removal = removalIdOf(html);
    const dmsBefore = members.map((m) => h.discord.dmsTo(m.discordId).length);

    const removed = await browser.submit(callbackUrl, "/auth/github/remove", { removal, action: "remove" });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain(
      `2 Discord accounts are no longer linked to the GitHub account ${owner.login}`,
    );
    expect(await linksTo(owner.githubId)).toBe(0);
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: owner.githubId,
    });
    expect(h.github.tokensFor(owner.githubId)).toEqual([]);
    await h.bot.deps.notifier.drain();
    members.forEach((m, i) => {
      const dms = h.discord.dmsTo(m.discordId);
      expect(dms).toHaveLength((dmsBefore[i] ?? 0) + 1);
      expect(dms.at(-1)?.embeds[0]?.description).toContain(
        `The owner of the GitHub account **${owner.login}**`,
      );
    });
    // Once only.
    const replay = await browser.submit(callbackUrl, "/auth/github/remove", { removal, action: "remove" });
    expect(replay.status).toBe(410);
  });

  it("the confirmation refuses no cookie, another browser's cookie and other sites, changing nothing", async () => {
    const { owner } = await linkedByOthers();
    const browser = new TestBrowser();
    const { callbackUrl } = await signInAsOwner(browser, owner.githubId);
    const removal = removalIdOf((await (await browser.open(callbackUrl)).res?.text()) ?? "");
    const fields = { removal, action: "remove" };
    expect((await new TestBrowser().submit(callbackUrl, "/auth/github/remove", fields)).status).toBe(403);
    const stranger = new TestBrowser();
    stranger.setCookie(callbackUrl, "octolink_browser", randomBytes(32).toString("base64url"));
    expect((await stranger.submit(callbackUrl, "/auth/github/remove", fields)).status).toBe(403);
    const crossSiteHeaders: Array<Record<string, string>> = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const crossSite of crossSiteHeaders) {
      const res = await browser.request(new URL("/auth/github/remove", callbackUrl).toString(), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...crossSite },
        body: new URLSearchParams(fields).toString(),
      });
      expect(res.status).toBe(403);
    }
    expect(await linksTo(owner.githubId)).toBe(2);
    // The owner's own browser still can.
    expect((await browser.submit(callbackUrl, "/auth/github/remove", fields)).status).toBe(200);
    expect(await linksTo(owner.githubId)).toBe(0);
  });

  it("GitHub's redirect opened in another browser is refused and its code spent", async () => {
    const { owner } = await linkedByOthers();
    const { callbackUrl } = await signInAsOwner(new TestBrowser(), owner.githubId);
    const revokedBefore = h.github.revokedTokens().length;
    const { res } = await new TestBrowser().open(callbackUrl);
    expect(res?.status).toBe(403);
    expect(h.github.revokedTokens()).toHaveLength(revokedBefore + 1);
    expect(await linksTo(owner.githubId)).toBe(2);
  });

  it("Cancel keeps the links; the owner's sign-in token is revoked either way", async () => {
    const { owner } = await linkedByOthers();
    const linkTokens = h.github.tokensFor(owner.githubId);
    const browser = new TestBrowser();
    const { callbackUrl } = await signInAsOwner(browser, owner.githubId);
    const removal = removalIdOf((await (await browser.open(callbackUrl)).res?.text()) ?? "");
    expect(h.github.tokensFor(owner.githubId)).toEqual(linkTokens);
    const res = await browser.submit(callbackUrl, "/auth/github/remove", { removal, action: "cancel" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Nothing was removed");
    expect(await linksTo(owner.githubId)).toBe(2);
  });

  it("an account nobody linked: says so, and the grant the sign-in made is revoked", async () => {
    const loner = createMember(h);
    const browser = new TestBrowser();
    const { callbackUrl } = await signInAsOwner(browser, loner.githubId);
    const { res } = await browser.open(callbackUrl);
    expect(res?.status).toBe(200);
    expect(await res?.text()).toContain("Nothing to remove");
    expect(h.github.tokensFor(loner.githubId)).toEqual([]);
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: loner.githubId,
    });
  });
});
