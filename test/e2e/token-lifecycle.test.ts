import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openToken } from "../../src/crypto/index.ts";
import { NeedsRelinkError, NotLinkedError } from "../../src/errors/index.ts";
import { octokitFor } from "../../src/linking/index.ts";
import { connectMongo, createStorage, findLinkByDiscordId } from "../../src/storage/index.ts";
import { pretendAccessTokenExpired, registerAppKind } from "../support/app-kind.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeInBrowser,
  authorizeViaLink,
  buttonUrl,
  createMember,
  linkMember as linkMemberThroughConfirmation,
  settledReply,
} from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => registerAppKind(h, "oauth-app"));

type Member = ReturnType<typeof createMember>;

async function linkMember(member: Member) {
  expect((await linkMemberThroughConfirmation(h, member)).res.status).toBe(200);
}

const storedLink = (member: Member) => findLinkByDiscordId(h.bot.deps.storage, member.discordId);
const open = (member: Member, sealed: string | null | undefined) =>
  openToken(h.config.tokenKeys, member.discordId, sealed ?? "");

/** Resolves once a refresh of the member's token holds its lease (is in flight). */
async function untilRefreshing(member: Member) {
  const filter = { discordId: member.discordId, refreshingUntil: { $gt: new Date() } };
  for (let tries = 0; !(await h.bot.deps.storage.links.exists(filter)); tries++) {
    if (tries > 200) throw new Error("no refresh started");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function whoami(member: Member) {
  const command = await h.discord.sendCommand({ name: "whoami", userId: member.discordId });
  const message = await settledReply(h, command);
  const [card] = message.embeds;
  const token = card?.fields?.find((f) => f.name === "Token")?.value;
  return { message, card, token };
}

describe("octokitFor", () => {
  it("OAuth App token: an Octokit acting as the member, no refresh; not linked is a typed error", async () => {
    const member = createMember(h);
    await expect(octokitFor(h.bot.deps, member.discordId)).rejects.toBeInstanceOf(NotLinkedError);
    await expect(octokitFor(h.bot.deps, member.discordId)).rejects.toMatchObject({
      next: expect.stringContaining("/link"),
    });
    await linkMember(member);
    const refreshes = h.github.refreshRequests();
    const octokit = await octokitFor(h.bot.deps, member.discordId);
    const { data } = await octokit.request("GET /user");
    expect(data.id).toBe(member.githubId);
    expect(h.github.refreshRequests()).toBe(refreshes);
    expect(await storedLink(member)).toMatchObject({ accessExpiresAt: null, tokenStatus: "valid" });
  });

  it("GitHub App token about to expire: refreshed before use, new pair stored sealed, new token used", async () => {
    registerAppKind(h, "github-app", { accessTokenTtlSec: 120 });
    const member = createMember(h);
    await linkMember(member);
    const before = await storedLink(member);
    const [oldToken] = h.github.tokensFor(member.githubId);
    const refreshes = h.github.refreshRequests();

    const octokit = await octokitFor(h.bot.deps, member.discordId);
    expect((await octokit.request("GET /user")).data.id).toBe(member.githubId);

    expect(h.github.refreshRequests()).toBe(refreshes + 1);
    expect(h.github.isTokenValid(oldToken ?? "")).toBe(false);
    const [newToken] = h.github.tokensFor(member.githubId);
    const after = await storedLink(member);
    expect(after?.tokenStatus).toBe("refreshed");
    expect(open(member, after?.accessToken)).toBe(newToken);
    expect(after?.accessToken).not.toContain(newToken);
    expect(open(member, after?.refreshToken)).toMatch(/^ghr_/);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessExpiresAt?.getTime()).toBeGreaterThan(before?.accessExpiresAt?.getTime() ?? 0);
    expect(after?.refreshExpiresAt).toBeInstanceOf(Date);
    const logs = h.rawLogs.join("\n");
    for (const secret of [oldToken, newToken, open(member, after?.refreshToken)])
      expect(secret && logs.includes(secret)).toBe(false);
  });

  it("20 calls at once for one expired token: GitHub sees one refresh, and every Octokit works", async () => {
    registerAppKind(h, "github-app");
    const member = createMember(h);
    await linkMember(member);
    await pretendAccessTokenExpired(h, member.discordId);
    const refreshes = h.github.refreshRequests();
    const octokits = await Promise.all(
      Array.from({ length: 20 }, () => octokitFor(h.bot.deps, member.discordId)),
    );
    expect(h.github.refreshRequests()).toBe(refreshes + 1);
    const users = await Promise.all(octokits.map((o) => o.request("GET /user")));
    expect(users.every((u) => u.data.id === member.githubId)).toBe(true);
    expect((await storedLink(member))?.tokenStatus).toBe("refreshed");
  });

  it("two processes sharing the database refresh once too (the refresh lease)", async () => {
    registerAppKind(h, "github-app");
    const member = createMember(h);
    await linkMember(member);
    await pretendAccessTokenExpired(h, member.discordId);
    // A second Storage on its own connection stands for another octolink process.
    const connection = await connectMongo(h.config.mongodbUri ?? "");
    try {
      const storage = await createStorage(connection, { allowSharedGithub: false });
      const other = { ...h.bot.deps, storage };
      const refreshes = h.github.refreshRequests();
      const octokits = await Promise.all(
        Array.from({ length: 10 }, (_, i) => octokitFor(i % 2 ? other : h.bot.deps, member.discordId)),
      );
      expect(h.github.refreshRequests()).toBe(refreshes + 1);
      const users = await Promise.all(octokits.map((o) => o.request("GET /user")));
      expect(users.every((u) => u.data.id === member.githubId)).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it("a refused refresh (expired or revoked refresh token) marks the link needs re-link and keeps it", async () => {
    registerAppKind(h, "github-app", { accessTokenTtlSec: 120, refreshTokenTtlSec: 3600 });
    const revoked = createMember(h);
    await linkMember(revoked);
    h.github.revokeAuthorization(h.config.github.clientId, revoked.githubId);
    await expect(octokitFor(h.bot.deps, revoked.discordId)).rejects.toBeInstanceOf(NeedsRelinkError);

    const expired = createMember(h);
    await linkMember(expired);
    h.github.advanceTime(3601_000);
    await expect(octokitFor(h.bot.deps, expired.discordId)).rejects.toMatchObject({
      next: expect.stringContaining("Run /link"),
    });

    for (const member of [revoked, expired]) {
      expect(await storedLink(member)).toMatchObject({
        githubId: member.githubId,
        tokenStatus: "needs_relink",
      });
    }
    // Once flagged, GitHub is not asked again until the member re-links.
    const refreshes = h.github.refreshRequests();
    await expect(octokitFor(h.bot.deps, expired.discordId)).rejects.toBeInstanceOf(NeedsRelinkError);
    expect(h.github.refreshRequests()).toBe(refreshes);
  });

  it("a 401 from GitHub marks the link needs re-link (OAuth App token revoked on GitHub)", async () => {
    const member = createMember(h);
    await linkMember(member);
    const octokit = await octokitFor(h.bot.deps, member.discordId);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    await expect(octokit.request("GET /user")).rejects.toBeInstanceOf(NeedsRelinkError);
    expect((await storedLink(member))?.tokenStatus).toBe("needs_relink");
  });
});

describe("/whoami token health and profile", () => {
  it("valid for an OAuth App token; refreshed just now for a GitHub App token it had to refresh", async () => {
    const oauth = createMember(h);
    await linkMember(oauth);
    expect((await whoami(oauth)).token).toBe("✅ valid");

    registerAppKind(h, "github-app", { accessTokenTtlSec: 120 });
    const app = createMember(h);
    await linkMember(app);
    const refreshes = h.github.refreshRequests();
    const seen = await whoami(app);
    expect(seen.token).toContain("refreshed just now");
    expect(seen.message.components).toEqual([]);
    expect(h.github.refreshRequests()).toBe(refreshes + 1);
  });

  it("needs re-link: says so, offers the /link button, keeps the link; re-linking makes it valid again", async () => {
    const member = createMember(h);
    await linkMember(member);
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    const { message, token } = await whoami(member);
    expect(token).toBe("⚠️ needs re-link");
    expect(message.content).toContain("needs renewing");
    const button = buttonUrl({ data: message });
    expect(button).toContain("/login/oauth/authorize");
    expect(JSON.stringify(message.components)).toContain("Re-link GitHub");
    expect((await storedLink(member))?.tokenStatus).toBe("needs_relink");

    const browser = new TestBrowser();
    const callbackUrl = await authorizeInBrowser(h, browser, button, member.githubId);
    expect((await answerConfirmation(browser, callbackUrl)).res.status).toBe(200);
    expect((await storedLink(member))?.tokenStatus).toBe("valid");
    expect((await whoami(member)).token).toBe("✅ valid");
  });

  it("picks up a renamed GitHub account (new login, name, avatar) and stores it; the id stays the identity", async () => {
    const member = createMember(h, { login: "old-login", name: "Old Name" });
    await linkMember(member);
    const avatar = `${h.github.url}/avatars/renamed-${member.githubId}`;
    h.github.updateUser(member.githubId, {
      login: "new-login",
      name: "New Name",
      avatar_url: avatar,
    });
    const { card } = await whoami(member);
    expect(card?.title).toBe("new-login");
    expect(card?.url).toBe(`${h.github.url}/new-login`);
    expect(card?.description).toContain("New Name");
    expect(card?.thumbnail?.url).toBe(avatar);
    expect(await storedLink(member)).toMatchObject({
      githubId: member.githubId,
      githubLogin: "new-login",
      githubName: "New Name",
      avatarUrl: avatar,
    });
  });

  it("GitHub unreachable: shows the stored link and says it could not check, changing nothing", async () => {
    const member = createMember(h);
    await linkMember(member);
    h.github.failNext("user", "network");
    const { message, card, token } = await whoami(member);
    expect(message.content).toContain("could not be reached");
    expect(card?.title).toBe(member.login);
    expect(token).toContain("could not check");
    expect((await storedLink(member))?.tokenStatus).toBe("valid");
  });
});

describe("OAuth App and GitHub App tokens side by side", () => {
  it("both work from one database, and /unlink revokes each at GitHub", async () => {
    const oauth = createMember(h);
    await linkMember(oauth);
    registerAppKind(h, "github-app", { accessTokenTtlSec: 120 });
    const app = createMember(h);
    await linkMember(app);
    expect((await storedLink(oauth))?.refreshToken).toBeNull();
    expect((await storedLink(app))?.refreshToken).not.toBeNull();

    const refreshes = h.github.refreshRequests();
    for (const member of [oauth, app]) {
      const octokit = await octokitFor(h.bot.deps, member.discordId);
      expect((await octokit.request("GET /user")).data.id).toBe(member.githubId);
    }
    expect(h.github.refreshRequests()).toBe(refreshes + 1);

    for (const member of [oauth, app]) {
      const command = await h.discord.sendCommand({ name: "unlink", userId: member.discordId });
      expect((await settledReply(h, command)).content).toContain("revoked octolink's access");
      expect(h.github.tokensFor(member.githubId)).toEqual([]);
      expect(h.github.revokedGrants()).toContainEqual({
        clientId: h.config.github.clientId,
        userId: member.githubId,
      });
    }
  });

  it("/unlink of a GitHub App link whose access token expired refreshes first, then revokes the grant", async () => {
    registerAppKind(h, "github-app");
    const member = createMember(h);
    await linkMember(member);
    await pretendAccessTokenExpired(h, member.discordId);
    const refreshes = h.github.refreshRequests();
    const command = await h.discord.sendCommand({ name: "unlink", userId: member.discordId });
    expect((await settledReply(h, command)).content).toContain("revoked octolink's access");
    expect(h.github.refreshRequests()).toBe(refreshes + 1);
    expect(h.github.tokensFor(member.githubId)).toEqual([]);
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: member.githubId,
    });
    expect(await storedLink(member)).toBeNull();
  });

  it("/unlink while a refresh is in flight waits for it, then revokes the grant with the refreshed token", async () => {
    registerAppKind(h, "github-app");
    const member = createMember(h);
    await linkMember(member);
    await pretendAccessTokenExpired(h, member.discordId);
    h.github.setLatency(300);
    try {
      // Something acting as the member starts a refresh; /unlink arrives while GitHub is answering it.
      const using = octokitFor(h.bot.deps, member.discordId).catch((err: Error) => err);
      await untilRefreshing(member);
      const command = await h.discord.sendCommand({ name: "unlink", userId: member.discordId });
      expect((await settledReply(h, command)).content).toContain("revoked octolink's access at GitHub");
      await using;
    } finally {
      h.github.setLatency(0);
    }
    expect(await storedLink(member)).toBeNull();
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: member.githubId,
    });
    // Neither the old pair nor the one the refresh got still works.
    expect(h.github.tokensFor(member.githubId)).toEqual([]);
  });

  it("/unlink never says GitHub revoked the access when GitHub did not (it no longer knew the token)", async () => {
    const member = createMember(h);
    await linkMember(member);
    // Revoked on GitHub's side, and octolink has not heard of it yet.
    h.github.revokeAuthorization(h.config.github.clientId, member.githubId);
    const command = await h.discord.sendCommand({ name: "unlink", userId: member.discordId });
    const content = (await settledReply(h, command)).content;
    expect(content).not.toContain("revoked octolink's access");
    expect(content).toContain("GitHub did not confirm revoking octolink's access");
    expect(await storedLink(member)).toBeNull();
  });

  it("Cancel on the confirmation page deletes only the new token; the existing link keeps working", async () => {
    registerAppKind(h, "github-app");
    const member = createMember(h);
    await linkMember(member);
    const [linkedToken] = h.github.tokensFor(member.githubId);
    const { callbackUrl, browser } = await authorizeViaLink(h, member);
    const cancelled = await answerConfirmation(browser, callbackUrl, "cancel");
    expect(cancelled.res.status).toBe(200);
    expect(cancelled.html).toContain("Nothing was linked");
    expect(h.github.tokensFor(member.githubId)).toEqual([linkedToken]);
    expect(h.github.revokedTokens()).toHaveLength(1);
    const octokit = await octokitFor(h.bot.deps, member.discordId);
    expect((await octokit.request("GET /user")).data.id).toBe(member.githubId);
  });
});
