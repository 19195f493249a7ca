import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveCodeVerifier, openToken } from "../../src/crypto/index.ts";
import { octokitFor } from "../../src/linking/index.ts";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { pretendAccessTokenExpired, registerAppKind } from "../support/app-kind.ts";
import {
  GITHUB_CLIENT_SECRET,
  type Harness,
  startHarness,
  STATE_SECRET,
  TOKEN_KEY,
} from "../support/harness.ts";
import { claimsOf } from "../support/hostile-values.ts";
import { answerConfirmation, authorizeViaLink, createMember, settledReply } from "../support/members.ts";
import { dumpDatabase, SecretList } from "../support/secret-scan.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: "trace", DISCORD_CLIENT_SECRET: "discord-client-secret" });
});
afterAll(async () => {
  await h?.stop();
});

describe("no secret leaves the place it belongs", () => {
  it("a whole GitHub App flow at trace level: no token, code, state, secret or key in a log line, page, message or stored document", async () => {
    registerAppKind(h, "github-app");
    const member = createMember(h);
    h.discord.signIn(member.discordId);
    const secrets = new SecretList();
    const pages: string[] = [];
    const stored: string[] = [];

    // /link, then the button through Discord's sign-in and GitHub's Authorize, noting every URL.
    const visited: URL[] = [];
    const link = await authorizeViaLink(h, member, { onVisit: (url) => visited.push(url) });
    const { browser, callbackUrl } = link;
    const discordCallback = visited.find((url) => url.pathname === "/auth/discord/callback")?.searchParams;
    const githubCallback = new URL(callbackUrl).searchParams;
    const state = githubCallback.get("state") ?? "";
    secrets.add("GitHub code", githubCallback.get("code"));
    secrets.add("Discord code", discordCallback?.get("code"));
    const discordState = discordCallback?.get("state") ?? "";
    expect(discordState).toMatch(/^d1\./);
    secrets.add("state", state, discordState);
    secrets.add(
      "PKCE verifier",
      deriveCodeVerifier(STATE_SECRET, claimsOf(state).nonce),
      deriveCodeVerifier(STATE_SECRET, claimsOf(discordState).nonce),
    );

    const confirmed = await answerConfirmation(browser, callbackUrl);
    expect(confirmed.res.status).toBe(200);
    secrets.add("browser cookie", browser.cookie(h.config.publicUrl, "octolink_browser"));
    const replayed = await browser.open(callbackUrl);
    expect(replayed.res?.status).toBe(410);
    pages.push(confirmed.confirmHtml, confirmed.html, (await replayed.res?.text()) ?? "");

    const whoami = await h.discord.sendCommand({ name: "whoami", userId: member.discordId });
    expect((await settledReply(h, whoami)).embeds[0]?.title).toBe(member.login);

    // GitHub App tokens expire: octokitFor refreshes, so there are two pairs to keep secret.
    const open = (sealed: string | null | undefined) =>
      openToken(h.config.tokenKeys, member.discordId, sealed ?? "");
    const first = await findLinkByDiscordId(h.bot.deps.storage, member.discordId);
    await pretendAccessTokenExpired(h, member.discordId);
    const octokit = await octokitFor(h.bot.deps, member.discordId);
    expect((await octokit.request("GET /user")).data.id).toBe(member.githubId);
    const refreshed = await findLinkByDiscordId(h.bot.deps.storage, member.discordId);
    expect(refreshed?.tokenStatus).toBe("refreshed");
    secrets.add(
      "access token",
      open(first?.accessToken),
      open(refreshed?.accessToken),
      ...h.github.tokensFor(member.githubId),
    );
    secrets.add("refresh token", open(first?.refreshToken), open(refreshed?.refreshToken));
    stored.push(await dumpDatabase(h));

    const unlink = await h.discord.sendCommand({ name: "unlink", userId: member.discordId });
    expect((await settledReply(h, unlink)).content).toContain("Unlinked");
    secrets.add("access token", ...h.github.revokedTokens());
    stored.push(await dumpDatabase(h));

    secrets.add("interaction token", link.command.token, whoami.token, unlink.token);
    secrets.add("GITHUB_CLIENT_SECRET", GITHUB_CLIENT_SECRET);
    secrets.add("DISCORD_CLIENT_SECRET", "discord-client-secret");
    secrets.add("STATE_SECRET", STATE_SECRET);
    secrets.add("TOKEN_ENCRYPTION_KEY", TOKEN_KEY, Buffer.from(TOKEN_KEY, "base64").toString("hex"));
    secrets.add("Discord bot token", h.config.discord.token);

    const messages = [link.command, whoami, unlink].flatMap(({ token }) => [
      h.discord.originalMessage(token),
      ...h.discord.edits(token),
      ...h.discord.followUps(token),
    ]);
    await h.discord.waitFor(() => h.discord.dmsTo(member.discordId).length > 0);
    expect(h.rawLogs.filter((line) => line.includes('"level":20')).length).toBeGreaterThan(5);
    expect(
      secrets.findIn({
        logs: h.rawLogs.join("\n"),
        pages: pages.join("\n"),
        "Discord messages": JSON.stringify([...messages, ...h.discord.dmsTo(member.discordId)]),
        database: stored.join("\n"),
      }),
    ).toEqual([]);
  });
});
