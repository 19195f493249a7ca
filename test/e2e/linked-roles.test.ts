import { REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openToken } from "../../src/crypto/index.ts";
import { ROLE_CONNECTION_METADATA } from "../../src/discord/role-connection.ts";
import {
  pushRoleConnection,
  refreshRoleConnections,
  scheduleRoleConnectionRefresh,
} from "../../src/linking/role-connections/index.ts";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { MODERATOR_PERMISSIONS, runCommand, subcommand, userOption } from "../support/commands.ts";
import type { MessageRecord } from "../support/discord/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeViaLink,
  browserSignedInAs,
  buttonsOf,
  createMember,
  type Member,
  settledReply,
} from "../support/members.ts";

const DAY_MS = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ DISCORD_CLIENT_SECRET: "discord-client-secret", LINKED_ROLES: "true" });
  // What `npm run deploy-commands` registers (tested as a process in process.test.ts).
  await new REST({ api: h.discord.apiUrl })
    .setToken(h.discord.botToken)
    .put(Routes.applicationRoleConnectionMetadata(h.discord.applicationId), {
      body: ROLE_CONNECTION_METADATA,
    });
});
afterAll(async () => {
  await h?.stop();
});

/** A member whose GitHub account is `ageDays` old with the given public counts. */
function memberWith(facts: { ageDays: number; repos: number; followers: number; login?: string }) {
  const member = createMember(h, { login: facts.login });
  h.github.addUser({
    id: member.githubId,
    login: member.login,
    created_at: new Date(Date.now() - facts.ageDays * DAY_MS - 3_600_000).toISOString(),
    public_repos: facts.repos,
    followers: facts.followers,
  });
  return member;
}

/** /link as the member (Discord step included), GitHub's Authorize, then Link; the visited URLs too. */
async function linkWithDiscordStep(member: Member) {
  const visited: URL[] = [];
  const browser = browserSignedInAs(h, member.discordId);
  const flow = await authorizeViaLink(h, member, { browser, onVisit: (u) => visited.push(u) });
  const answered = await answerConfirmation(browser, flow.callbackUrl);
  expect(answered.res.status).toBe(200);
  return { ...flow, ...answered, visited };
}

const connectionOf = (member: Member, linked: "0" | "1") =>
  h.discord.waitFor(() => {
    const connection = h.discord.roleConnectionOf(member.discordId);
    return connection?.metadata.linked === linked ? connection : undefined;
  });

const storedDiscordToken = (member: Member) =>
  h.bot.deps.storage.discordTokens.findOne({ discordId: member.discordId }).lean().exec();

/** Role-connection PUTs Discord refused with 401 (a token it no longer honours). */
const refusedPushes = () =>
  h.discord.requests.filter(
    (r) => r.method === "PUT" && r.route.endsWith("/role-connection") && r.status === 401,
  ).length;

describe("/link with Linked Roles on", () => {
  it("asks Discord for role_connections.write and pushes the member's GitHub facts after Link", async () => {
    const member = memberWith({ ageDays: 400, repos: 12, followers: 3 });
    const { visited } = await linkWithDiscordStep(member);
    const authorize = visited.find((u) => u.pathname.endsWith("/oauth2/authorize"));
    expect(authorize?.searchParams.get("scope")).toBe("identify role_connections.write");

    expect(await connectionOf(member, "1")).toEqual({
      platform_name: "GitHub",
      platform_username: member.login,
      metadata: { linked: "1", account_age_days: "400", public_repos: "12", followers: "3" },
    });
    // What a server admin's requirements see: linked, a year old, at least 10 repositories.
    for (const [key, value] of [
      ["linked", 1],
      ["account_age_days", 365],
      ["public_repos", 10],
    ] as const)
      expect(h.discord.meetsRequirement(member.discordId, { key, value })).toBe(true);
    expect(h.discord.meetsRequirement(member.discordId, { key: "followers", value: 4 })).toBe(false);

    // /whoami names the kept Discord sign-in among what octolink stores.
    const whoami = await runCommand(h, { name: "whoami", userId: member.discordId });
    expect(JSON.stringify(whoami.embeds)).toContain("Discord sign-in for Linked Roles:** stored encrypted");
    // The token set is kept (not revoked, as without Linked Roles), sealed in storage.
    expect(h.discord.oauthTokensOf(member.discordId).filter((t) => t.active)).toHaveLength(1);
    const stored = await storedDiscordToken(member);
    expect(stored?.scopes).toEqual(["identify", "role_connections.write"]);
    expect(stored?.accessToken).toMatch(/^s1\./);
  });

  it("zeros are sent as explicit values, never as empty metadata", async () => {
    const member = memberWith({ ageDays: 0, repos: 0, followers: 0 });
    await linkWithDiscordStep(member);
    expect((await connectionOf(member, "1")).metadata).toEqual({
      linked: "1",
      account_age_days: "0",
      public_repos: "0",
      followers: "0",
    });
  });

  it("a login longer than Discord's 100 characters is cut to fit, marked with an ellipsis", async () => {
    const login = `long-${"x".repeat(115)}`;
    const member = memberWith({ ageDays: 10, repos: 1, followers: 1, login });
    await linkWithDiscordStep(member);
    const { platform_username: shown, platform_name: platform } = await connectionOf(member, "1");
    expect(platform).toBe("GitHub");
    expect(shown).toHaveLength(100);
    expect(shown).toBe(`${login.slice(0, 99)}…`);
  });
});

describe("GET /linked-role (the Linked Roles Verification URL)", () => {
  it("a linked member signs in with Discord (own state, PKCE), gets fresh values and a page saying to go back", async () => {
    const member = memberWith({ ageDays: 30, repos: 2, followers: 0 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    h.github.updateUser(member.githubId, { public_repos: 20, followers: 7 });

    const visited: URL[] = [];
    const browser = browserSignedInAs(h, member.discordId);
    const { res } = await browser.open(`${h.config.publicUrl}/linked-role`, {
      stopAt: (u) => {
        visited.push(u);
        return false;
      },
    });
    const authorize = visited.find((u) => u.pathname.endsWith("/oauth2/authorize"));
    expect(authorize?.searchParams.get("scope")).toBe("identify role_connections.write");
    expect(authorize?.searchParams.get("state")).toMatch(/^l1\./);
    expect(authorize?.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize?.searchParams.get("redirect_uri")).toBe(`${h.config.publicUrl}/auth/discord/callback`);
    expect(res?.status).toBe(200);
    const page = (await res?.text()) ?? "";
    expect(page).toContain("Your Linked Roles are updated");
    expect(page).toContain(member.login);
    expect(page).toContain("return to Discord");
    expect(h.discord.roleConnectionOf(member.discordId)?.metadata).toMatchObject({
      linked: "1",
      public_repos: "20",
      followers: "7",
    });
    // The sign-in from /link was replaced by this one and revoked: one live Discord token, not two.
    expect(h.discord.oauthTokensOf(member.discordId).filter((t) => t.active)).toHaveLength(1);
  });

  it("a member not yet linked goes through GitHub's sign-in and the confirmation, then the push follows Link", async () => {
    const member = memberWith({ ageDays: 800, repos: 5, followers: 9 });
    const browser = browserSignedInAs(h, member.discordId);
    const { url: atGitHub } = await browser.open(`${h.config.publicUrl}/linked-role`, {
      stopAt: (u) => u.origin === h.github.url,
    });
    expect(h.discord.roleConnectionOf(member.discordId)).toBeUndefined();
    const callbackUrl = await h.github.approve(atGitHub, { userId: member.githubId });
    const { confirmHtml, res, html } = await answerConfirmation(browser, callbackUrl);
    expect(confirmHtml).toContain(`@${member.username}`);
    expect(confirmHtml).toContain(member.login);
    expect(res.status).toBe(200);
    expect(html).toContain("Your GitHub account is linked");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toMatchObject({
      githubId: member.githubId,
    });
    expect((await connectionOf(member, "1")).metadata).toEqual({
      linked: "1",
      account_age_days: "800",
      public_repos: "5",
      followers: "9",
    });
    // No /link reply to edit; the DM still says what happened.
    expect((await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0])).embeds[0]?.title).toBe(
      "GitHub account linked",
    );
  });

  it("Discord's code in a browser that did not start the sign-in is refused and spent; a replay is 410; a forged state 400", async () => {
    const owner = memberWith({ ageDays: 1, repos: 1, followers: 1 });
    const victim = createMember(h);
    const ownerBrowser = browserSignedInAs(h, owner.discordId);
    const { url: callback } = await ownerBrowser.open(`${h.config.publicUrl}/linked-role`, {
      stopAt: (u) => u.pathname === "/auth/discord/callback",
    });
    const tokensBefore = h.discord.oauthTokensOf(owner.discordId).length;

    for (const other of [new TestBrowser(), browserSignedInAs(h, victim.discordId)]) {
      if (other.cookie(h.discord.apiUrl, "discord_user"))
        await other.open(`${h.config.publicUrl}/linked-role`, {
          stopAt: (u) => u.pathname === "/auth/discord/callback",
        });
      const { res } = await other.open(callback);
      expect(res?.status).toBe(403);
      expect(await res?.text()).toContain("Start again from Discord");
    }
    // The code was redeemed and its token revoked at once; nothing was kept for anyone.
    const spent = h.discord.oauthTokensOf(owner.discordId).slice(tokensBefore);
    expect(spent).toHaveLength(1);
    expect(spent.every((t) => !t.active)).toBe(true);
    expect(await storedDiscordToken(owner)).toBeNull();
    expect(await storedDiscordToken(victim)).toBeNull();

    // The owner's browser still owns the state, but the code in the URL is worth nothing now.
    const { res: spentRes } = await ownerBrowser.open(callback);
    expect(spentRes?.status).toBe(400);
    expect(await storedDiscordToken(owner)).toBeNull();

    const state = new URL(callback).searchParams.get("state") ?? "";
    const forged = new URL(callback);
    forged.searchParams.set("state", `${state.slice(0, -4)}AAAA`);
    expect((await ownerBrowser.open(forged.toString())).res?.status).toBe(400);

    // A fresh start in the owner's browser works, once.
    const { url: fresh } = await ownerBrowser.open(`${h.config.publicUrl}/linked-role`, {
      stopAt: (u) => u.pathname === "/auth/discord/callback",
    });
    const first = await ownerBrowser.open(fresh, { stopAt: (u) => u.origin === h.github.url });
    expect(new URL(first.url).origin).toBe(h.github.url);
    expect((await ownerBrowser.open(fresh)).res?.status).toBe(410);
  });

  it("answers 404 when LINKED_ROLES is off", async () => {
    const off = await startHarness({ DISCORD_CLIENT_SECRET: "discord-client-secret" });
    try {
      expect((await fetch(`${off.bot.url}/linked-role`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});

describe("unlinking pushes linked: 0, with explicit zeros", () => {
  const expectUnlinkedConnection = async (member: Member) =>
    expect(await connectionOf(member, "0")).toEqual({
      platform_name: "GitHub",
      platform_username: null,
      metadata: { linked: "0", account_age_days: "0", public_repos: "0", followers: "0" },
    });

  it("/unlink", async () => {
    const member = memberWith({ ageDays: 50, repos: 3, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    const shown = await runCommand(h, { name: "unlink", userId: member.discordId });
    expect(shown.content).toContain("Discord's Linked Roles now show no linked GitHub account");
    await expectUnlinkedConnection(member);
    expect(h.discord.meetsRequirement(member.discordId, { key: "linked", value: 1 })).toBe(false);
  });

  it("Not you? Undo on the success page", async () => {
    const member = memberWith({ ageDays: 50, repos: 3, followers: 1 });
    const { browser, callbackUrl, pending } = await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    const res = await browser.submit(callbackUrl, "/auth/github/undo", { pending });
    expect(res.status).toBe(200);
    await expectUnlinkedConnection(member);
  });

  it("Not you? Undo in the DM", async () => {
    const member = memberWith({ ageDays: 50, repos: 3, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    const dm: MessageRecord = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    const undo = buttonsOf(dm.components).find((b) => "label" in b && b.label === "Not you? Undo");
    await h.discord.clickButton({
      userId: member.discordId,
      message: dm,
      customId: undo && "custom_id" in undo ? undo.custom_id : "",
    });
    await expectUnlinkedConnection(member);
  });

  it("/link-admin unlink", async () => {
    const moderator = createMember(h);
    const member = memberWith({ ageDays: 50, repos: 3, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    await runCommand(h, {
      name: "link-admin",
      userId: moderator.discordId,
      memberPermissions: MODERATOR_PERMISSIONS,
      options: [subcommand("unlink", [userOption("member", member.discordId)])],
    });
    await expectUnlinkedConnection(member);
  });
});

describe("secrets", () => {
  it("no kept Discord token (access or refresh) ever reaches a log line", async () => {
    const stored = await h.bot.deps.storage.discordTokens.find({}).lean().exec();
    expect(stored.length).toBeGreaterThan(3);
    const logs = h.rawLogs.join("\n");
    for (const doc of stored)
      for (const sealed of [doc.accessToken, doc.refreshToken ?? ""].filter(Boolean)) {
        const plain = openToken(h.config.tokenKeys, doc.discordId, sealed);
        expect(logs).not.toContain(plain);
        expect(logs).not.toContain(sealed);
      }
  });
});

describe("the scheduled refresh", () => {
  it("runs every interval from the workers, once per interval however many workers there are", async () => {
    const member = memberWith({ ageDays: 100, repos: 1, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    h.github.updateUser(member.githubId, { public_repos: 77 });
    const runs = () => h.logs.filter((l) => l.msg === "refreshed Linked Roles connections").length;
    const before = runs();
    // Two workers' schedules (ROLE_SYNC_INTERVAL is at least a minute in .env; shorter here).
    const workers = [0, 1].map(() => scheduleRoleConnectionRefresh(h.bot.deps, 5_000));
    try {
      await h.discord.waitFor(
        () => h.discord.roleConnectionOf(member.discordId)?.metadata.public_repos === "77" || undefined,
        15_000,
      );
      await h.discord.waitFor(() => runs() > before || undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs()).toBe(before + 1);
    } finally {
      for (const worker of workers) worker.stop();
    }
  });

  it("refreshes an expired Discord token first (refresh grant), stores the new pair and pushes new numbers", async () => {
    const member = memberWith({ ageDays: 100, repos: 1, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    const before = await storedDiscordToken(member);
    h.discord.expireOAuthTokens(member.discordId);
    await h.bot.deps.storage.discordTokens
      .updateOne({ discordId: member.discordId }, { $set: { accessExpiresAt: new Date(Date.now() - 1000) } })
      .exec();
    h.github.updateUser(member.githubId, { followers: 42 });

    const count = await refreshRoleConnections(h.bot.deps);
    expect(count.failed).toBe(0);
    expect(h.discord.roleConnectionOf(member.discordId)?.metadata.followers).toBe("42");
    const after = await storedDiscordToken(member);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessExpiresAt?.getTime()).toBeGreaterThan(Date.now() + DAY_MS);
    const tokens = h.discord.oauthTokensOf(member.discordId);
    expect(tokens.at(-1)?.active).toBe(true);
  });

  it("an expired token whose refresh Discord refuses (invalid_grant) is dropped before any push", async () => {
    const member = memberWith({ ageDays: 100, repos: 1, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    h.discord.deauthorizeApp(member.discordId);
    await h.bot.deps.storage.discordTokens
      .updateOne({ discordId: member.discordId }, { $set: { accessExpiresAt: new Date(Date.now() - 1000) } })
      .exec();
    const refusedBefore = refusedPushes();
    expect(await pushRoleConnection(h.bot.deps, member.discordId)).toEqual({
      pushed: false,
      reason: "no_discord_token",
    });
    expect(refusedPushes()).toBe(refusedBefore);
    expect(await storedDiscordToken(member)).toBeNull();
    expect(
      h.logs.filter(
        (l) => l.discordId === member.discordId && String(l.msg).includes("pushes for them stop"),
      ),
    ).toHaveLength(1);
  });

  it("a member who removed octolink on Discord (401, then invalid_grant) is dropped: logged once, never tried again", async () => {
    const member = memberWith({ ageDays: 100, repos: 1, followers: 1 });
    await linkWithDiscordStep(member);
    await connectionOf(member, "1");
    h.discord.deauthorizeApp(member.discordId);
    const refusedBefore = refusedPushes();

    await refreshRoleConnections(h.bot.deps);
    expect(refusedPushes()).toBe(refusedBefore + 1);
    expect(await storedDiscordToken(member)).toBeNull();
    const dropped = () =>
      h.logs.filter(
        (l) => l.discordId === member.discordId && String(l.msg).includes("pushes for them stop"),
      );
    expect(dropped()).toHaveLength(1);

    // Later runs and an unlink do not knock on Discord's door for them again, nor fail and retry.
    await refreshRoleConnections(h.bot.deps);
    await settledReply(h, await h.discord.sendCommand({ name: "unlink", userId: member.discordId }));
    await h.bot.deps.notifier.drain();
    expect(refusedPushes()).toBe(refusedBefore + 1);
    expect(dropped()).toHaveLength(1);
    const jobs = await h.bot.deps.storage.outbox
      .find({ "job.kind": "role_connection_push", "job.discordId": member.discordId })
      .lean()
      .exec();
    expect(jobs.map((j) => j.status)).toEqual(["done", "done"]);
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    expect(jobs.at(-1)?.outcome).toEqual({ pushed: false, reason: "no_discord_token" });
  });
});
