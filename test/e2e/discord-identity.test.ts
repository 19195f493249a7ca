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
  // The Discord stand-in's default OAuth2 client secret turns the check on.
  h = await startHarness({ DISCORD_CLIENT_SECRET: "discord-client-secret" });
});
afterAll(async () => {
  await h?.stop();
});

describe("Discord identity in the browser", () => {
  it("the button goes to our /auth/github/start, then Discord, then GitHub; the owner links as usual", async () => {
    const member = createMember(h);
    const { reply } = await runLink(h, member.discordId);
    expect(buttonUrl(reply)).toMatch(new RegExp(`^${h.config.publicUrl}/auth/github/start\\?state=v1\\.`));
    const browser = browserSignedInAs(h, member.discordId);
    const callbackUrl = await authorizeInBrowser(h, browser, buttonUrl(reply), member.githubId);
    const { res } = await answerConfirmation(browser, callbackUrl);
    expect(res.status).toBe(200);
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toMatchObject({
      githubId: member.githubId,
    });
  });

  it("a browser signed in to Discord as someone else is refused; nothing is stored and GitHub is never asked", async () => {
    const owner = createMember(h);
    const forwardee = createMember(h);
    const { reply } = await runLink(h, owner.discordId);
    const githubCalls = h.github.requests.length;
    const { url, res } = await browserSignedInAs(h, forwardee.discordId).open(buttonUrl(reply));
    expect(new URL(url).pathname).toBe("/auth/discord/callback");
    expect(res?.status).toBe(403);
    expect(await res?.text()).toContain("This link belongs to another Discord account");
    expect(h.github.requests.length).toBe(githubCalls);
    expect(await findLinkByDiscordId(h.bot.deps.storage, owner.discordId)).toBeNull();
    expect(await h.bot.deps.storage.pendingLinks.countDocuments({ discordId: owner.discordId })).toBe(0);
  });

  it("going around Discord straight to GitHub with the state is refused at the callback", async () => {
    const member = createMember(h);
    const { reply } = await runLink(h, member.discordId);
    const state = new URL(buttonUrl(reply)).searchParams.get("state") ?? "";
    const authorize = new URL(`${h.github.url}/login/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: h.config.github.clientId,
      redirect_uri: `${h.config.publicUrl}/auth/github/callback`,
      state,
    }).toString();
    const callbackUrl = await h.github.approve(authorize.toString(), { userId: member.githubId });
    const revokedBefore = h.github.revokedTokens().length;
    const { res } = await new TestBrowser().open(callbackUrl);
    expect(res?.status).toBe(403);
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
    // The state is still good for its owner, so the refused code is spent and its token deleted.
    expect(h.github.revokedTokens()).toHaveLength(revokedBefore + 1);
    expect(h.github.tokensFor(member.githubId)).toEqual([]);
  });

  it("cancelling at Discord is an ordinary page", async () => {
    const res = await fetch(`${h.config.publicUrl}/auth/discord/callback?error=access_denied&state=x`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Sign-in cancelled");
  });

  it("does not warn about the check at start when it is on", () => {
    expect(h.logs.some((l) => String(l.msg).includes("Discord sign-in check is off"))).toBe(false);
  });
});
