import type { Document } from "bson";
import mongoose from "mongoose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, startCluster, startNode } from "../support/cluster.ts";
import { channelOption, MODERATOR_PERMISSIONS, runCommand, subcommand } from "../support/commands.ts";
import { crashTestBots, killAtCommand, stopBot } from "../support/crash-bots.ts";
import { githubAppAuthorizationRevoked, sendWebhook } from "../support/github/index.ts";
import type { Harness } from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeViaLink,
  createMember,
  linkMember,
  type Member,
} from "../support/members.ts";
import { type MongoTap, startMongoTap } from "../support/mongo-tap.ts";
import { addRule, linkRoles } from "../support/roles.ts";
import type { Spawned } from "../support/spawn-bot.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

/**
 * Every effect of a link change is written to the outbox before the change (issue 15): the
 * audit record, the outgoing webhook and the log-channel posts as much as the DM and the roles.
 * Each test kills the bot with SIGKILL at one exact point of a flow, through a MongoDB hop that
 * holds the link write (`before`: it never lands) or its reply (`after`: it landed, the bot never
 * learned so), then restarts it and looks at what members, moderators and receivers see.
 */
const GITHUB_SECRET = "github-webhook-secret-0123456789abcdef";
let c: Cluster;
let tap: MongoTap;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let db: mongoose.Connection;
let env: Record<string, string>;
let verified: string;
const bots = crashTestBots(() => env);
beforeAll(async () => {
  c = await startCluster();
  receiver = await startWebhookReceiver();
  tap = await startMongoTap(c.mongoUri);
  db = await mongoose.createConnection(c.mongoUri).asPromise();
  env = {
    ...c.env,
    MONGODB_URI: tap.uriFor(c.mongoUri),
    LINK_WEBHOOK_URL: receiver.url,
    LINK_WEBHOOK_SECRET: "link-webhook-secret-0123456789abcdef",
    GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
  };
  // A moderator sets a log channel and a role for linked members, as a server would have.
  const setup = await startNode(c, {});
  const h = { discord: c.discord } as Harness;
  const moderator = createMember(c);
  verified = c.discord.addRole({ name: "Verified" });
  await linkRoles(h, moderator.discordId, addRule(verified, "linked"));
  await runCommand(h, {
    name: "link-admin",
    userId: moderator.discordId,
    memberPermissions: MODERATOR_PERMISSIONS,
    options: [subcommand("log-channel", [channelOption("channel", c.discord.textChannelId)])],
  });
  await setup.bot.stop();
}, 60_000);
afterEach(() => bots.killLeft());
afterAll(async () => {
  await db?.close();
  await tap?.close();
  await receiver?.close();
  await c?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` (which may read MongoDB) until it holds. */
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The member's link write (`update`), removal (`remove`) or "needs re-link" flag (`flag`). */
type LinkWrite = "update" | "remove" | "flag";

const isWrite = (cmd: Document, write: LinkWrite): boolean => {
  const update = cmd.update as Document | undefined;
  const flag = (update?.$set as Document | undefined)?.tokenStatus === "needs_relink";
  if (write === "remove") return cmd.remove === true;
  return update !== undefined && flag === (write === "flag");
};

/** Arms a SIGKILL of `bot` right before or right after one of the member's link writes. */
const killAt = (bot: Spawned, member: Member, write: LinkWrite, when: "before" | "after") =>
  killAtCommand(
    tap,
    bot,
    (cmd: Document) =>
      cmd.findAndModify === "links" &&
      // A revocation flags by GitHub account: only this member's is ever flagged here.
      (write === "flag" || (cmd.query as Document | undefined)?.discordId === member.discordId) &&
      isWrite(cmd, write),
    when,
  );

const auditOf = async (member: Member) =>
  (await db.collection("audit_events").find({ discordId: member.discordId }).toArray()).map((e) => e.action);
const linkOf = (member: Member) => db.collection("links").findOne({ discordId: member.discordId });
const webhooksOf = (member: Member) =>
  receiver.received
    .filter((r) => r.body.includes(`"${member.discordId}"`))
    .map((r) => (JSON.parse(r.body) as { event: string }).event);
const postsOf = (member: Member) =>
  c.discord
    .channelMessages(c.discord.textChannelId)
    .filter(
      (m) =>
        m.content.includes(`<@${member.discordId}>`) &&
        /\*\*(unlinked|linked|needs re-link)\*\*/.test(m.content),
    )
    .map((m) => m.content);
const rolesOf = (member: Member) => c.discord.memberRoles(member.discordId) ?? [];

/** Once the restarted bot has had time to do whatever it was going to do. */
const QUIET_MS = 3_000;

describe("a link's audit record, webhook and log post, written before the link", () => {
  it("SIGKILL right after the link write: after a restart the record, link.created and the log post arrive, once", async () => {
    const member = createMember(c, { login: "killed-after-link" });
    const first = await bots.start();
    const { callbackUrl, browser } = await authorizeViaLink(c, member);
    const killed = killAt(first, member, "update", "after");
    await answerConfirmation(browser, callbackUrl).catch(() => undefined);
    await killed;
    expect(await linkOf(member)).toMatchObject({ githubId: member.githubId });

    const second = await bots.start();
    await until(
      async () =>
        (await auditOf(member)).includes("linked") &&
        webhooksOf(member).length > 0 &&
        postsOf(member).length > 0,
      30_000,
    );
    await sleep(QUIET_MS);
    expect((await auditOf(member)).filter((a) => a !== "role_granted")).toEqual(["linked"]);
    expect(webhooksOf(member)).toEqual(["link.created"]);
    expect(postsOf(member)).toEqual([expect.stringContaining(`<@${member.discordId}> **linked**`)]);
    expect(rolesOf(member)).toContain(verified);
    await stopBot(second);
  }, 90_000);

  it("SIGKILL right before the link write: no record, no webhook, no log post of a link that never was", async () => {
    const member = createMember(c, { login: "killed-before-link" });
    const first = await bots.start();
    const { callbackUrl, browser } = await authorizeViaLink(c, member);
    const killed = killAt(first, member, "update", "before");
    await answerConfirmation(browser, callbackUrl).catch(() => undefined);
    await killed;

    const second = await bots.start();
    await sleep(QUIET_MS);
    expect(await linkOf(member)).toBeNull();
    expect(await auditOf(member)).toEqual([]);
    expect(webhooksOf(member)).toEqual([]);
    expect(postsOf(member)).toEqual([]);
    expect(c.discord.dmsTo(member.discordId)).toEqual([]);
    await stopBot(second);
  }, 90_000);
});

describe("an unlink's effects, written before the link is removed", () => {
  async function linkedMember(login: string) {
    const member = createMember(c, { login });
    const bot = await bots.start();
    expect((await linkMember(c, member)).res.status).toBe(200);
    await until(
      async () =>
        rolesOf(member).includes(verified) && postsOf(member).length === 1 && webhooksOf(member).length === 1,
    );
    return { member, bot };
  }

  it("SIGKILL right after the delete: after a restart roles are taken back, link.removed and the log post arrive, once", async () => {
    const { member, bot: first } = await linkedMember("killed-after-unlink");
    const killed = killAt(first, member, "remove", "after");
    void c.discord.sendCommand({ name: "unlink", userId: member.discordId, guildId: c.discord.guildId });
    await killed;
    expect(await linkOf(member)).toBeNull();

    const second = await bots.start();
    await until(
      async () =>
        !rolesOf(member).includes(verified) &&
        (await auditOf(member)).includes("unlinked") &&
        webhooksOf(member).includes("link.removed") &&
        postsOf(member).length === 2,
    );
    await sleep(QUIET_MS);
    expect((await auditOf(member)).filter((a) => a === "unlinked")).toHaveLength(1);
    expect(webhooksOf(member)).toEqual(["link.created", "link.removed"]);
    expect(postsOf(member)[1]).toContain(`<@${member.discordId}> **unlinked**`);
    await stopBot(second);
  }, 120_000);

  it("SIGKILL right before the delete: the member stays linked, keeps the role, and nothing says otherwise", async () => {
    const { member, bot: first } = await linkedMember("killed-before-unlink");
    const killed = killAt(first, member, "remove", "before");
    void c.discord.sendCommand({ name: "unlink", userId: member.discordId, guildId: c.discord.guildId });
    await killed;

    const second = await bots.start();
    await sleep(QUIET_MS);
    expect(await linkOf(member)).toMatchObject({ githubId: member.githubId });
    expect(rolesOf(member)).toContain(verified);
    expect((await auditOf(member)).filter((a) => a !== "role_granted")).toEqual(["linked"]);
    expect(webhooksOf(member)).toEqual(["link.created"]);
    expect(postsOf(member)).toHaveLength(1);
    await stopBot(second);
  }, 120_000);
});

describe("a GitHub owner's removal, written before the link is removed", () => {
  it("SIGKILL right after the delete: after a restart the member's DM, the record and link.removed arrive, once", async () => {
    const member = createMember(c, { login: "killed-after-owner-removal" });
    const first = await bots.start();
    expect((await linkMember(c, member)).res.status).toBe(200);
    await until(async () => webhooksOf(member).length === 1);
    const publicUrl = c.env.PUBLIC_URL ?? "";
    const browser = new TestBrowser();
    const { url } = await browser.open(`${publicUrl}/auth/github/remove`, {
      stopAt: (u) => u.origin === c.github.url,
    });
    const callbackUrl = await c.github.approve(url, { userId: member.githubId });
    const page = await (await browser.open(callbackUrl)).res?.text();
    const removal = /name="removal" value="([^"]+)"/.exec(page ?? "")?.[1] ?? "";
    const killed = killAt(first, member, "remove", "after");
    void browser.submit(callbackUrl, "/auth/github/remove", { removal, action: "remove" }).catch(() => {});
    await killed;
    expect(await linkOf(member)).toBeNull();

    const second = await bots.start();
    const ownerDms = () =>
      c.discord
        .dmsTo(member.discordId)
        .filter((m) => m.embeds[0]?.description?.includes("The owner of the GitHub account"));
    await until(async () => ownerDms().length === 1 && webhooksOf(member).includes("link.removed"));
    await sleep(QUIET_MS);
    expect(ownerDms()).toHaveLength(1);
    expect((await auditOf(member)).filter((a) => a === "removed_by_github_owner")).toHaveLength(1);
    expect(webhooksOf(member)).toEqual(["link.created", "link.removed"]);
    await stopBot(second);
  }, 120_000);
});

describe('a "needs re-link" flag\'s effects, written before the flag', () => {
  it("SIGKILL right after the flag: after a restart the DM, the role take-back, link.needs_relink and the log post arrive, once", async () => {
    const member = createMember(c, { login: "killed-after-flag" });
    const first = await bots.start();
    expect((await linkMember(c, member)).res.status).toBe(200);
    await until(async () => rolesOf(member).includes(verified) && postsOf(member).length === 1);
    const killed = killAt(first, member, "flag", "after");
    void sendWebhook(`http://127.0.0.1:${c.publicPort}/webhooks/github`, {
      event: "github_app_authorization",
      payload: githubAppAuthorizationRevoked(
        { id: member.githubId, login: member.login },
        { webUrl: c.github.url, apiUrl: c.github.apiUrl },
      ),
      secret: GITHUB_SECRET,
    }).catch(() => undefined);
    await killed;

    const second = await bots.start();
    const renewDms = () =>
      c.discord
        .dmsTo(member.discordId)
        .filter((m) => m.embeds[0]?.title === "Your GitHub link needs renewing");
    await until(
      async () =>
        !rolesOf(member).includes(verified) &&
        renewDms().length > 0 &&
        (await auditOf(member)).includes("needs_relink") &&
        webhooksOf(member).includes("link.needs_relink") &&
        postsOf(member).length === 2,
    );
    await sleep(QUIET_MS);
    expect(renewDms()).toHaveLength(1);
    expect((await auditOf(member)).filter((a) => a === "needs_relink")).toHaveLength(1);
    expect(webhooksOf(member)).toEqual(["link.created", "link.needs_relink"]);
    expect(postsOf(member)[1]).toContain("**needs re-link**");
    await stopBot(second);
  }, 120_000);
});
