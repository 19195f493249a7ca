import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId } from "../../src/storage/index.ts";
import { type Cluster, type Node, startCluster, startNode } from "../support/cluster.ts";
import { answerConfirmation, authorizeViaLink, createMember, type Member } from "../support/members.ts";
import { type RoundRobinProxy, startRoundRobinProxy } from "../support/round-robin-proxy.ts";
import { type Spawned, spawnScript, waitForOutput } from "../support/spawn-bot.ts";
import { findFreePort } from "../support/stand-in-settings.ts";

let c: Cluster;
let proxy: RoundRobinProxy;
let replicas: Spawned[];
let gateway: Node;
let worker: Node;

beforeAll(async () => {
  c = await startCluster();
  const ports = [await findFreePort(), await findFreePort()];
  replicas = ports.map((port) => spawnScript("src/main.ts", { ...c.env, ROLE: "web", PORT: String(port) }));
  [gateway, worker, proxy] = await Promise.all([
    startNode(c, { ROLE: "gateway" }),
    startNode(c, { ROLE: "worker" }),
    startRoundRobinProxy(
      c.publicPort,
      ports.map((port) => `http://127.0.0.1:${port}`),
    ),
    ...replicas.map((replica) => waitForOutput(replica, /web server listening/, 30_000)),
  ]);
  await c.discord.waitFor(() => gateway.logs().some((l) => l.msg === "connected to Discord"));
}, 90_000);
afterAll(async () => {
  for (const replica of replicas ?? []) replica.killHard();
  await Promise.all([gateway?.bot.stop(), worker?.bot.stop(), proxy?.close()]);
  await c?.stop();
});

/** The whole flow through the proxy; the status of the final page, or the error that ended it. */
async function link(member: Member): Promise<number | Error> {
  try {
    const { callbackUrl, browser } = await authorizeViaLink(c, member);
    return (await answerConfirmation(browser, callbackUrl)).res.status;
  } catch (err) {
    return err as Error;
  }
}

describe("two web replicas behind a round-robin proxy, one gateway, one worker, one database", () => {
  it("links land on either replica; killing one mid-burst loses no completed link", async () => {
    const members = Array.from({ length: 20 }, () => createMember(c));
    // One at a time first: each member's callback and confirmation go to different replicas.
    for (const member of members.slice(0, 10)) expect(await link(member)).toBe(200);
    const pairs = proxy.served.slice(0, 20);
    for (let i = 0; i < pairs.length; i += 2) {
      expect([pairs[i]?.path, pairs[i + 1]?.path]).toEqual(["/auth/github/callback", "/auth/github/confirm"]);
      expect(pairs[i]?.backend).not.toBe(pairs[i + 1]?.backend);
    }

    // Then all at once, and one replica dies under the burst.
    const burst = members.slice(10).map(link);
    await c.discord.waitFor(() => proxy.served.length >= 24, 30_000);
    replicas[1]?.killHard();
    const outcomes = [...members.slice(0, 10).map(() => 200), ...(await Promise.all(burst))];

    const completed = members.filter((_, i) => outcomes[i] === 200);
    expect(completed.length).toBeGreaterThanOrEqual(10);
    const storage = worker.bot.deps.storage;
    // Not the whole outbox: a confirmation killed between its outbox write and its link write
    // leaves guarded jobs that wait out their deadline (10 minutes) before they are dropped.
    await c.discord.waitFor(() => completed.every((m) => c.discord.dmsTo(m.discordId).length > 0), 30_000);
    for (const member of completed) {
      expect(await storage.links.countDocuments({ discordId: member.discordId }).exec()).toBe(1);
      expect((await findLinkByDiscordId(storage, member.discordId))?.githubId).toBe(member.githubId);
      expect(c.discord.dmsTo(member.discordId)).toHaveLength(1);
    }
    // The surviving replica carries on alone.
    const late = createMember(c);
    expect(await link(late)).toBe(200);
  }, 90_000);
});
