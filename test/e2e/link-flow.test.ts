import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openToken } from "../../src/crypto/index.ts";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import type { MessageRecord } from "../support/discord/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { pendingIdOf } from "../support/http-browser.ts";
import { authorizeViaLink, buttonUrl, createMember, settledReply } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const embedsOf = (message: MessageRecord | undefined) => message?.embeds ?? [];

describe("linking end to end through the real discord.js client, octokit and Mongoose", () => {
  it("/link → GitHub → confirmation → stored, DM'd, reply edited → /whoami → /unlink revokes", async () => {
    const member = createMember(h, { login: "mona", name: "Mona Lisa Octocat" });

    const { command, reply, callbackUrl, browser } = await authorizeViaLink(h, member);
    expect((reply.data?.flags ?? 0) & 64).toBe(64);
    const authorize = new URL(buttonUrl(reply));
    expect(authorize.origin + authorize.pathname).toBe(`${h.github.url}/login/oauth/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe(h.config.github.clientId);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${h.config.publicUrl}/auth/github/callback`);
    expect(authorize.searchParams.get("scope")).toBe("read:user");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("state")).toMatch(/^v1\./);

    const confirmation = await browser.open(callbackUrl);
    const confirmHtml = (await confirmation.res?.text()) ?? "";
    expect(confirmation.res?.status).toBe(200);
    expect(confirmHtml).toContain("Link these accounts?");
    expect(confirmHtml).toContain(
      `<strong>Member ${member.username.slice(6)}</strong><strong class="handle">@${member.username}</strong>`,
    );
    expect(confirmHtml).toContain('<strong>Mona Lisa Octocat</strong><strong class="handle">@mona</strong>');
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();

    const page = await browser.submit(callbackUrl, "/auth/github/confirm", {
      pending: pendingIdOf(confirmHtml),
      action: "link",
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Your GitHub account is linked");
    expect(html).toContain("mona");
    expect(html).toContain("Check your DMs");

    const link = await findLinkByDiscordId(h.bot.deps.storage, member.discordId);
    expect(link).toMatchObject({
      githubId: member.githubId,
      githubLogin: "mona",
      githubName: "Mona Lisa Octocat",
      scopes: ["read:user"],
    });
    const [token] = h.github.tokensFor(member.githubId);
    expect(token).toBeDefined();
    expect(link?.accessToken).not.toContain(token);
    expect(openToken(h.config.tokenKeys, member.discordId, link?.accessToken ?? "")).toBe(token);

    const dm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    expect(embedsOf(dm)[0]?.description).toContain("mona");
    expect(embedsOf(dm)[0]?.thumbnail?.url).toBe(`${h.github.url}/avatars/u/${member.githubId}?v=4`);
    const edited = await h.discord.waitFor(
      () =>
        h.discord.originalMessage(command.token)?.content?.includes("Linked") &&
        h.discord.originalMessage(command.token),
    );
    expect(edited.content).toContain("**mona**");
    expect(edited.content).toContain("A DM with the details (and an Undo button) is on its way.");

    const whoami = await settledReply(
      h,
      await h.discord.sendCommand({ name: "whoami", userId: member.discordId }),
    );
    const [card] = embedsOf(whoami);
    expect(card?.title).toBe("mona");
    expect(card?.url).toBe(`${h.github.url}/mona`);
    expect(card?.fields?.map((f) => f.name)).toEqual(["Linked", "Scopes", "Token"]);

    const unlink = await settledReply(
      h,
      await h.discord.sendCommand({ name: "unlink", userId: member.discordId }),
    );
    expect(unlink.content).toContain("Unlinked GitHub account **mona**");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
    expect(h.github.isTokenValid(token ?? "")).toBe(false);
    expect(h.github.revokedGrants()).toContainEqual({
      clientId: h.config.github.clientId,
      userId: member.githubId,
    });

    const callback = new URL(callbackUrl).searchParams;
    const logs = h.rawLogs.join("\n");
    expect(h.rawLogs.length).toBeGreaterThan(0);
    for (const secret of [
      token,
      callback.get("code"),
      callback.get("state"),
      command.token,
      h.config.github.clientSecret,
      h.config.discord.token,
    ]) {
      expect(secret && logs.includes(secret)).toBe(false);
    }
  });
});
