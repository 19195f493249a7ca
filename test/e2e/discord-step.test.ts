import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeInBrowser,
  browserSignedInAs,
  buttonUrl,
  createMember,
  runLink,
} from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ DISCORD_CLIENT_SECRET: "discord-client-secret" });
});
afterAll(async () => {
  await h?.stop();
});

const atDiscordCallback = (url: URL) => url.pathname === "/auth/discord/callback";
const stateOf = (url: string) => new URL(url).searchParams.get("state") ?? "";
const linkStateRecord = (url: string) =>
  h.bot.deps.storage.linkStates
    .findById(JSON.parse(Buffer.from(stateOf(url).split(".")[1] ?? "", "base64url").toString()).n)
    .lean()
    .exec();

/** What must not have happened after a refused Discord callback. */
async function expectNothingDone(member: { discordId: string }, buttonLink: string, githubRequests: number) {
  expect(h.github.requests.length).toBe(githubRequests);
  expect(await h.bot.deps.storage.pendingLinks.countDocuments({ discordId: member.discordId })).toBe(0);
  expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
  // The button's state is not used up, nor marked as confirmed by Discord.
  expect(await linkStateRecord(buttonLink)).toMatchObject({ usedAt: null, discordVerifiedAt: null });
}

/** The rightful browser still finishes with the same button, linking its own GitHub account. */
async function expectOwnerCanStillLink(
  owner: ReturnType<typeof createMember>,
  url: string,
  browser: TestBrowser,
) {
  const callbackUrl = await authorizeInBrowser(h, browser, url, owner.githubId);
  expect((await answerConfirmation(browser, callbackUrl)).res.status).toBe(200);
  expect(await findLinkByDiscordId(h.bot.deps.storage, owner.discordId)).toMatchObject({
    githubId: owner.githubId,
  });
}

describe("login CSRF at the Discord step", () => {
  it("A's Discord code with A's button state, from a URL no browser started, is refused in V's browser", async () => {
    const attacker = createMember(h);
    const victim = createMember(h);
    const { reply } = await runLink(h, attacker.discordId);
    const button = buttonUrl(reply);
    // A's script asks Discord directly with octolink's client_id and redirect_uri and stops at the redirect.
    const authorize = new URL(`${h.config.discord.apiUrl}/oauth2/authorize`);
    authorize.search = new URLSearchParams({
      client_id: h.config.discord.clientId,
      redirect_uri: `${h.config.publicUrl}/auth/discord/callback`,
      response_type: "code",
      scope: "identify",
      state: stateOf(button),
    }).toString();
    const script = browserSignedInAs(h, attacker.discordId);
    const { url: forged } = await script.open(authorize.toString(), { stopAt: atDiscordCallback });
    expect(new URL(forged).searchParams.get("code")).toBeTruthy();

    const githubRequests = h.github.requests.length;
    const { url, res } = await browserSignedInAs(h, victim.discordId).open(forged);
    expect(new URL(url).pathname).toBe("/auth/discord/callback");
    expect(res?.status).toBeGreaterThanOrEqual(400);
    expect(res?.status).toBeLessThan(500);
    await expectNothingDone(attacker, button, githubRequests);
    await expectOwnerCanStillLink(attacker, button, browserSignedInAs(h, attacker.discordId));
  });

  it("A's code from A's own /auth/github/start is refused in V's browser, and the URL is worth nothing after", async () => {
    const attacker = createMember(h);
    const victim = createMember(h);
    const { reply } = await runLink(h, attacker.discordId);
    const button = buttonUrl(reply);
    const attackerBrowser = browserSignedInAs(h, attacker.discordId);
    const { url: stolen } = await attackerBrowser.open(button, { stopAt: atDiscordCallback });
    const tokensBefore = h.discord.oauthTokensOf(attacker.discordId).length;

    const githubRequests = h.github.requests.length;
    for (const victimBrowser of [new TestBrowser(), browserSignedInAs(h, victim.discordId)]) {
      if (victimBrowser.cookie(h.discord.apiUrl, "discord_user")) {
        // A victim who has an octolink cookie of their own from an earlier sign-in.
        await victimBrowser.open(buttonUrl((await runLink(h, victim.discordId)).reply), {
          stopAt: atDiscordCallback,
        });
        expect(victimBrowser.cookie(h.config.publicUrl, "octolink_browser")).toBeTruthy();
      }
      const { url, res } = await victimBrowser.open(stolen);
      expect(new URL(url).pathname).toBe("/auth/discord/callback");
      expect(res?.status).toBe(403);
      expect(await res?.text()).toContain("Start again from Discord");
    }
    await expectNothingDone(attacker, button, githubRequests);
    // The code was redeemed and its token revoked at once: Discord shows it dead.
    const tokens = h.discord.oauthTokensOf(attacker.discordId).slice(tokensBefore);
    expect(tokens).toHaveLength(1);
    expect(tokens.every((t) => !t.active)).toBe(true);

    // A, handed the URL back (or keeping it), gets nothing from it, even in A's own browser.
    const { url, res } = await attackerBrowser.open(stolen, { stopAt: (u) => u.origin === h.github.url });
    expect(new URL(url).origin).not.toBe(h.github.url);
    expect(res?.status).toBeGreaterThanOrEqual(400);
    expect(h.github.requests.length).toBe(githubRequests);
    await expectOwnerCanStillLink(attacker, button, attackerBrowser);
  });

  it("the Discord step has its own state and PKCE S256; the identify token is revoked once it answered", async () => {
    const member = createMember(h);
    const { reply } = await runLink(h, member.discordId);
    const browser = browserSignedInAs(h, member.discordId);
    const visited: URL[] = [];
    await browser.open(buttonUrl(reply), {
      stopAt: (u) => {
        visited.push(u);
        return u.origin === h.github.url;
      },
    });
    const discordAuthorize = visited.find((u) => u.pathname.endsWith("/oauth2/authorize"));
    expect(discordAuthorize?.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(discordAuthorize?.searchParams.get("code_challenge_method")).toBe("S256");
    const discordState = discordAuthorize?.searchParams.get("state") ?? "";
    expect(discordState).toMatch(/^d1\./);
    expect(discordState).not.toBe(stateOf(buttonUrl(reply)));
    const tokens = h.discord.oauthTokensOf(member.discordId);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.filter((t) => t.active)).toEqual([]);

    // The step's state works once.
    const callback = visited.find(atDiscordCallback)?.toString() ?? "";
    expect((await browser.open(callback)).res?.status).toBe(410);
  });
});

describe("a refused GitHub callback leaves no usable code", () => {
  it("V's GitHub code in V's browser is spent and its token deleted, so M opening V's URL gets nothing", async () => {
    const owner = createMember(h);
    const victim = createMember(h);
    const { reply } = await runLink(h, owner.discordId);
    const ownerBrowser = browserSignedInAs(h, owner.discordId);
    // M signs in with Discord, then forwards GitHub's authorize page to V.
    const { url: githubAuthorize } = await ownerBrowser.open(buttonUrl(reply), {
      stopAt: (u) => u.origin === h.github.url,
    });
    const victimCallback = await h.github.approve(githubAuthorize, { userId: victim.githubId });
    const revokedBefore = h.github.revokedTokens().length;
    const refused = await new TestBrowser().open(victimCallback);
    expect(refused.res?.status).toBe(403);
    expect(h.github.tokensFor(victim.githubId)).toEqual([]);
    expect(h.github.revokedTokens()).toHaveLength(revokedBefore + 1);

    // V pastes the error page's URL to M: in M's browser it is no confirmation page.
    const { res } = await ownerBrowser.open(victimCallback);
    expect(res?.status).toBe(400);
    expect(await res?.text()).toContain("GitHub did not accept the sign-in");
    expect(await h.bot.deps.storage.pendingLinks.countDocuments({ discordId: owner.discordId })).toBe(0);
    expect(await findLinkByDiscordId(h.bot.deps.storage, owner.discordId)).toBeNull();
  });
});
