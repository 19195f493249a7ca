import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { type Cluster, type Node, readiness, startCluster, startNode } from "../support/cluster.ts";
import { TestBrowser } from "../support/http-browser.ts";
import {
  answerConfirmation,
  authorizeInBrowser,
  buttonUrl,
  createMember,
  runLink,
} from "../support/members.ts";
import { type Spawned, spawnScript, waitForOutput } from "../support/spawn-bot.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

/** A guild id Discord routes to `shard` of 2: shard_id = (guild_id >> 22) % num_shards. */
const guildOnShard = (shard: number) =>
  String((((BigInt(Date.now() - 1420070400000) >> 1n) << 1n) + BigInt(shard)) << 22n);

describe("ROLE=web, gateway and worker: one link across three processes", () => {
  let c: Cluster;
  let web: Node;
  let gateway: Node;
  let worker: Node;
  beforeAll(async () => {
    c = await startCluster();
    [web, gateway, worker] = await Promise.all([
      startNode(c, { ROLE: "web", PORT: String(c.publicPort) }),
      startNode(c, { ROLE: "gateway" }),
      startNode(c, { ROLE: "worker" }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([web?.bot.stop(), gateway?.bot.stop(), worker?.bot.stop()]);
    await c?.stop();
  });

  it("only the gateway connects to Discord, and each /readyz checks what its role needs", async () => {
    expect(c.discord.identifyPayloads()).toHaveLength(1);
    await c.discord.waitFor(() => gateway.logs().some((l) => l.msg === "connected to Discord"));
    expect(await readiness(web.bot.url)).toEqual({ status: 200, checks: { storage: true } });
    expect(await readiness(gateway.bot.url)).toEqual({
      status: 200,
      checks: { storage: true, discord: true },
    });
    expect(await readiness(worker.bot.url)).toEqual({ status: 200, checks: { storage: true } });
    // The sign-in pages are the web role's: the others serve only their health checks.
    expect((await fetch(`${gateway.bot.url}/auth/github/callback?code=x`)).status).toBe(404);
    expect((await fetch(`${web.bot.url}/auth/github/callback?code=x`)).status).toBe(400);
  });

  it("the gateway answers /link, the web process stores the link, the worker sends the DM and edits the reply", async () => {
    const member = createMember(c);
    const { command, reply } = await runLink(c, member.discordId);
    const browser = new TestBrowser();
    const callbackUrl = await authorizeInBrowser(c, browser, buttonUrl(reply), member.githubId);
    const { res } = await answerConfirmation(browser, callbackUrl);
    expect(res.status).toBe(200);
    expect(await findLinkByDiscordId(web.bot.deps.storage, member.discordId)).toMatchObject({
      githubId: member.githubId,
    });
    const dm = await c.discord.waitFor(() => c.discord.dmsTo(member.discordId)[0]);
    expect(dm.embeds[0]?.title).toBe("GitHub account linked");
    await c.discord.waitFor(() =>
      c.discord.originalMessage(command.token)?.content?.includes("is on its way"),
    );
  });
});

describe("DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS: two gateway processes, one shard each", () => {
  let c: Cluster;
  const shards: Spawned[] = [];
  const guilds = [guildOnShard(0), guildOnShard(1)];
  beforeAll(async () => {
    c = await startCluster();
    for (const id of guilds) c.discord.addGuild(id);
    for (const id of [0, 1])
      shards.push(
        spawnScript("src/main.ts", {
          ...c.env,
          ROLE: "gateway",
          PORT: "0",
          LOG_LEVEL: "debug",
          DISCORD_SHARD_COUNT: "2",
          DISCORD_SHARD_IDS: String(id),
        }),
      );
    await Promise.all(shards.map((s) => waitForOutput(s, /connected to Discord/, 30_000)));
  }, 60_000);
  afterAll(async () => {
    for (const s of shards) s.killHard();
    await c?.stop();
  });

  /** The guilds whose interactions a process's log says it received, and on which shard. */
  const guildsAnsweredBy = (s: Spawned) =>
    s
      .output()
      .split("\n")
      .filter((line) => line.includes('"msg":"interaction received"'))
      .map((line) => JSON.parse(line) as { guildId: string; shard: number })
      .map((entry) => `${entry.guildId} on shard ${entry.shard}`);

  it("each process identifies with its shard and answers /link for the servers on it, and only those", async () => {
    expect(c.discord.identifyPayloads().map((i) => i.shard)).toEqual(
      expect.arrayContaining([
        [0, 2],
        [1, 2],
      ]),
    );
    expect(c.discord.identifyPayloads()).toHaveLength(2);
    for (const guildId of guilds) {
      const member = createMember(c);
      expect(buttonUrl((await runLink(c, member.discordId, guildId)).reply)).toContain("state=");
    }
    expect(guildsAnsweredBy(shards[0] as Spawned)).toEqual([`${guilds[0]} on shard 0`]);
    expect(guildsAnsweredBy(shards[1] as Spawned)).toEqual([`${guilds[1]} on shard 1`]);

    // With shard 1's process gone, its server has nobody to answer; shard 0's still does.
    const [first, second] = shards as [Spawned, Spawned];
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const member = createMember(c);
    await expect(runLink(c, member.discordId, guilds[1])).rejects.toThrow(/no bot session/);
    expect(buttonUrl((await runLink(c, member.discordId, guilds[0])).reply)).toContain("state=");
    expect(guildsAnsweredBy(first)).toEqual([`${guilds[0]} on shard 0`, `${guilds[0]} on shard 0`]);
  }, 30_000);
});

describe("two workers on one outbox", () => {
  let c: Cluster;
  const workers: Node[] = [];
  beforeAll(async () => {
    // A slow Discord keeps both workers busy at once.
    c = await startCluster({ globalRateLimitPerSecond: 20 });
    workers.push(...(await Promise.all([0, 1].map(() => startNode(c, { ROLE: "worker" })))));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.bot.stop()));
    await c?.stop();
  });

  it("share the jobs and never send the same one twice while both live", async () => {
    const members = Array.from({ length: 40 }, () => createMember(c));
    const [first] = workers;
    if (!first) throw new Error("no worker");
    const flaggedAt = new Date();
    const notices = members.map((m) => ({ discordId: m.discordId, githubLogin: m.login, flaggedAt }));
    await first.bot.deps.notifier.notifyRelinkNeeded(notices);
    // Written twice (a redelivered webhook, a retried request): still one job each.
    await first.bot.deps.notifier.notifyRelinkNeeded(notices);
    await first.bot.deps.notifier.drain();
    for (const member of members) expect(c.discord.dmsTo(member.discordId)).toHaveLength(1);
    const owners = await first.bot.deps.storage.outbox.distinct("owner", { status: "done" }).exec();
    expect(owners).toHaveLength(2);
  });
});

describe("two web replicas share the per-address limit", () => {
  let c: Cluster;
  const replicas: Node[] = [];
  beforeAll(async () => {
    c = await startCluster();
    replicas.push(
      ...(await Promise.all([0, 1].map(() => startNode(c, { ROLE: "web", HTTP_RATE_LIMIT: "4" })))),
    );
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.bot.stop()));
    await c?.stop();
  });

  it("refusals spread over both replicas count together: the limit, plus at most one per other replica", async () => {
    const statuses: number[] = [];
    const [a] = replicas;
    const shared = async () =>
      (await a?.bot.deps.storage.rateCounters.find().lean().exec())?.reduce((n, w) => n + w.count, 0);
    for (let i = 0; i < 10; i++) {
      const replica = replicas[i % 2];
      statuses.push((await fetch(`${replica?.bot.url}/auth/github/callback?code=x`)).status);
      const refused = statuses.filter((s) => s === 400).length;
      while ((await shared()) !== refused) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 20));
    }
    // Counted apart, each replica would allow 4 (8 in all).
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
    expect(statuses.slice(-4)).toEqual([429, 429, 429, 429]);
  });
});

describe("a worker shutting down", () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster({ globalRateLimitPerSecond: 10 });
  });
  afterAll(async () => {
    await c?.stop();
  });

  it("finishes the jobs it holds and leaves the rest queued for the next worker: each DM sent once", async () => {
    const first = await startNode(c, { ROLE: "worker" });
    const members = Array.from({ length: 24 }, () => createMember(c));
    const flaggedAt = new Date();
    await first.bot.deps.notifier.notifyRelinkNeeded(
      members.map((m) => ({ discordId: m.discordId, githubLogin: m.login, flaggedAt })),
    );
    await c.discord.waitFor(() => members.some((m) => c.discord.dmsTo(m.discordId).length > 0));
    await first.bot.stop();
    const sentByFirst = members.filter((m) => c.discord.dmsTo(m.discordId).length > 0).length;
    expect(sentByFirst).toBeLessThan(members.length);

    const second = await startNode(c, { ROLE: "worker" });
    // No lease to wait out: the stopped worker held nothing.
    await second.bot.deps.notifier.drain();
    for (const member of members) expect(c.discord.dmsTo(member.discordId)).toHaveLength(1);
    await second.bot.stop();
  });
});

describe("a worker shutting down with an outgoing webhook in flight", () => {
  let c: Cluster;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    [c, receiver] = await Promise.all([startCluster(), startWebhookReceiver()]);
  });
  afterAll(async () => {
    await c?.stop();
    await receiver?.close();
  });

  it("finishes the delivery before it exits, and the next worker does not send it again", async () => {
    const env = { ROLE: "worker", LINK_WEBHOOK_URL: receiver.url, LINK_WEBHOOK_SECRET: "w".repeat(32) };
    const first = await startNode(c, env);
    receiver.answerAfter(1_500);
    const member = createMember(c);
    const at = new Date();
    await first.bot.deps.notifier.notifyAuditEvent({
      eventId: "3f1c2a52-8d7e-4f3a-9a53-0c2b1d4e5f60",
      event: {
        at,
        guildId: null,
        actorId: member.discordId,
        action: "linked",
        discordId: member.discordId,
        githubId: member.githubId,
        githubLogin: member.login,
        detail: null,
      },
      webhook: {
        event: "link.created",
        discordId: member.discordId,
        githubId: member.githubId,
        githubLogin: member.login,
        at: at.toISOString(),
      },
    });
    await c.discord.waitFor(() => receiver.received.length === 1);
    // SIGTERM's path: stop claiming, let the running delivery end, then close.
    await first.bot.stop();
    expect(first.logs().filter((l) => l.msg === "outbox job failed; will retry")).toEqual([]);

    receiver.answerAfter(0);
    const second = await startNode(c, env);
    const job = await second.bot.deps.storage.outbox
      .findById("link_webhook:3f1c2a52-8d7e-4f3a-9a53-0c2b1d4e5f60")
      .lean()
      .exec();
    expect(job).toMatchObject({ status: "done", attempts: 1 });
    await new Promise((r) => setTimeout(r, 1_500));
    await second.bot.stop();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.headers["x-octolink-delivery"]).toBe("3f1c2a52-8d7e-4f3a-9a53-0c2b1d4e5f60");
  });
});
