import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import type { InteractionCallbackRecord } from "../support/discord/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { pendingIdOf } from "../support/http-browser.ts";
import { authorizeViaLink, buttonUrl, createMember, linkMember, settledReply } from "../support/members.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const contentOf = (reply: InteractionCallbackRecord) => reply.data?.content;
const run = async (
  name: string,
  userId: string,
  options?: Array<{ name: string; type: number; value: string }>,
) => (await h.discord.sendCommand({ name, userId, guildId: h.discord.guildId, options })).reply;

describe("what members see when linking", () => {
  it("refuses a GitHub account linked to another member with 409 and keeps the first link", async () => {
    const owner = createMember(h);
    const other = createMember(h);
    expect((await linkMember(h, owner)).res.status).toBe(200);
    const { callbackUrl, browser } = await authorizeViaLink(h, {
      discordId: other.discordId,
      githubId: owner.githubId,
    });
    const { res } = await browser.open(callbackUrl);
    const html = (await res?.text()) ?? "";
    expect(res?.status).toBe(409);
    expect(h.github.tokensFor(owner.githubId)).toHaveLength(1);
    expect(html).toContain("already linked");
    expect(await findLinkByDiscordId(h.bot.deps.storage, owner.discordId)).toMatchObject({
      githubId: owner.githubId,
    });
    expect(await findLinkByDiscordId(h.bot.deps.storage, other.discordId)).toBeNull();
  });

  it("a linked member re-linking to another member's GitHub account gets 409 and keeps theirs", async () => {
    const owner = createMember(h);
    const member = createMember(h);
    await linkMember(h, owner);
    await linkMember(h, member);
    const { callbackUrl, browser } = await authorizeViaLink(h, {
      discordId: member.discordId,
      githubId: owner.githubId,
    });
    const { res } = await browser.open(callbackUrl);
    expect(res?.status).toBe(409);

    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toMatchObject({
      githubId: member.githubId,
    });
    expect(await findLinkByDiscordId(h.bot.deps.storage, owner.discordId)).toMatchObject({
      githubId: owner.githubId,
    });
  });

  it("re-linking replaces the member's link and revokes the old token", async () => {
    const member = createMember(h);
    await linkMember(h, member);
    const [oldToken] = h.github.tokensFor(member.githubId);
    const again = await run("link", member.discordId);
    expect(contentOf(again)).toContain("already linked");
    expect(buttonUrl(again)).toContain("/login/oauth/authorize");
    const relinked = await linkMember(h, member);
    expect(relinked.res.status).toBe(200);
    await h.discord.waitFor(() => h.github.revokedTokens().includes(oldToken ?? ""));
    expect(h.github.isTokenValid(oldToken ?? "")).toBe(false);
    expect(h.github.tokensFor(member.githubId)).toHaveLength(1);
  });

  it("closed DMs do not undo the link; the /link reply, first saying the DM is on its way, is corrected to say it failed", async () => {
    const member = createMember(h);
    h.discord.closeDms(member.discordId);
    const { command, res } = await linkMember(h, member);
    expect(res.status).toBe(200);
    const contents = () => h.discord.edits(command.token).map((e) => e.content);
    await h.discord.waitFor(() => contents().at(-1)?.includes("could not send you a DM"));
    expect(contents().filter((c) => c.includes("is on its way"))).toHaveLength(1);
    expect(h.discord.originalMessage(command.token)?.content).toContain("could not send you a DM");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).not.toBeNull();
  });

  it("the page answers before Discord does: a rate-limited DM arrives after the page, not lost", async () => {
    const member = createMember(h);
    const { callbackUrl, command, browser } = await authorizeViaLink(h, member);
    const confirmation = await browser.open(callbackUrl);
    const pending = pendingIdOf((await confirmation.res?.text()) ?? "");
    h.discord.injectRateLimit({ retryAfterMs: 1500, times: 1 });
    const res = await browser.submit(callbackUrl, "/auth/github/confirm", { pending, action: "link" });
    expect(res.status).toBe(200);
    expect(h.discord.dmsTo(member.discordId)).toHaveLength(0);
    await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0], 10_000);
    await h.discord.waitFor(
      () => h.discord.originalMessage(command.token)?.content?.includes("is on its way"),
      10_000,
    );
    expect(h.discord.rateLimited()).toBeGreaterThan(0);
  });

  it("a code GitHub refuses is a 400; GitHub failing or unreachable is a 502; nothing is stored", async () => {
    const member = createMember(h);
    const { callbackUrl } = await authorizeViaLink(h, member);
    const bogus = new URL(callbackUrl);
    bogus.searchParams.set("code", "0000000000deadbeef00");
    const refused = await fetch(bogus);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("GitHub did not accept the sign-in");

    for (const failure of [{ status: 503 }, "network"] as const) {
      const flow = await authorizeViaLink(h, member);
      h.github.failNext("token", failure);
      const res = await fetch(flow.callbackUrl, { headers: { accept: "application/json" } });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({
        error: "github_unavailable",
        message: expect.any(String),
      });
    }
    const flow = await authorizeViaLink(h, member);
    h.github.failNext("user", { status: 500 });
    expect((await fetch(flow.callbackUrl)).status).toBe(502);
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
  });
});

describe("/whoami and /unlink", () => {
  it("/whoami explains how to link when not linked, and shows only login and profile of another member", async () => {
    const member = createMember(h);
    const viewer = createMember(h);
    const own = await h.discord.sendCommand({ name: "whoami", userId: viewer.discordId });
    expect((await settledReply(h, own)).content).toContain("Run /link");
    expect(
      contentOf(
        await run("whoami", viewer.discordId, [{ name: "member", type: 6, value: member.discordId }]),
      ),
    ).toContain("has not linked");
    await linkMember(h, member);
    const reply = await run("whoami", viewer.discordId, [
      { name: "member", type: 6, value: member.discordId },
    ]);
    const [card] = reply.data?.embeds ?? [];
    expect(card?.title).toBe(`octocat-${member.githubId - 5000}`);
    expect(card?.url).toContain(card?.title);
    expect(card?.fields).toEqual([]);
    expect(JSON.stringify(reply)).not.toContain("read:user");
  });

  it("/unlink still removes the link when GitHub is unreachable, and says so", async () => {
    const member = createMember(h);
    await linkMember(h, member);
    h.github.failNext("revoke-grant", "network");
    h.github.failNext("revoke-token", "network");
    // /unlink defers its reply (it may wait for a token refresh in flight): read what replaced it.
    const unlink = async () =>
      (await settledReply(h, await h.discord.sendCommand({ name: "unlink", userId: member.discordId })))
        .content;
    expect(await unlink()).toContain("GitHub could not be reached");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
    expect(await unlink()).toContain("nothing to remove");
  });
});

describe("MongoDB down", () => {
  it("the callback answers 503 and /readyz turns 503", async () => {
    const member = createMember(h);
    const { callbackUrl } = await authorizeViaLink(h, member);
    expect((await fetch(`${h.bot.url}/readyz`)).status).toBe(200);
    await h.stopMongo();
    const res = await fetch(callbackUrl);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("database is not reachable");
    const ready = await fetch(`${h.bot.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${h.bot.url}/healthz`)).status).toBe(200);
  });
});
