import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, startCluster } from "../support/cluster.ts";
import { answerConfirmation, authorizeViaLink, createMember, type Member } from "../support/members.ts";
import { spawnScript, waitForOutput } from "../support/spawn-bot.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

let c: Cluster;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  // Four requests a second: DMs queue up behind the success pages.
  c = await startCluster({ globalRateLimitPerSecond: 4 });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await c?.stop();
  await receiver?.close();
});

/** Runs `fn` over `items`, `limit` at a time. */
async function inBatches<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit)
    results.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return results;
}

describe("the outbox survives kill -9", () => {
  it("SIGKILL right after the last of 30 success pages: after a restart every member gets the DM and the edit", async () => {
    const first = spawnScript("src/main.ts", c.env);
    await waitForOutput(first, /connected to Discord/, 30_000);
    const members = Array.from({ length: 30 }, () => createMember(c));
    const commands = await inBatches(members, 10, async (member: Member) => {
      const { command, callbackUrl, browser } = await authorizeViaLink(c, member);
      const { res } = await answerConfirmation(browser, callbackUrl);
      expect(res.status).toBe(200);
      return command;
    });
    first.killHard();
    await first.exited;
    const dmsAtKill = members.filter((m) => c.discord.dmsTo(m.discordId).length > 0).length;
    expect(dmsAtKill).toBeLessThan(members.length);

    const second = spawnScript("src/main.ts", c.env);
    await waitForOutput(second, /connected to Discord/, 30_000);
    await c.discord.waitFor(
      () =>
        members.every((m) => c.discord.dmsTo(m.discordId).length > 0) &&
        commands.every((cmd) => c.discord.originalMessage(cmd.token)?.content?.includes("Linked to GitHub")),
      60_000,
    );
    for (const member of members) {
      const dms = c.discord.dmsTo(member.discordId);
      // One DM, and at most one extra for a job that was in flight when the process died.
      expect(dms.length).toBeLessThanOrEqual(2);
      expect(dms[0]?.embeds[0]?.title).toBe("GitHub account linked");
    }
    for (const cmd of commands)
      expect(c.discord.originalMessage(cmd.token)?.content).toContain("is on its way");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 120_000);

  it("a link webhook the receiver refused until a SIGKILL is delivered after the restart, under its first delivery id", async () => {
    const env = {
      ...c.env,
      LINK_WEBHOOK_URL: receiver.url,
      LINK_WEBHOOK_SECRET: "link-webhook-secret-0123456789abcdef",
    };
    receiver.answerWith(500);
    const first = spawnScript("src/main.ts", env);
    await waitForOutput(first, /connected to Discord/, 30_000);
    const member = createMember(c);
    const { callbackUrl, browser } = await authorizeViaLink(c, member);
    expect((await answerConfirmation(browser, callbackUrl)).res.status).toBe(200);
    const ours = () => receiver.received.filter((r) => r.body.includes(member.discordId));
    await c.discord.waitFor(() => ours().length > 0, 10_000);
    first.killHard();
    await first.exited;
    const beforeKill = ours().length;
    expect(ours().every((r) => r.answeredWith === 500)).toBe(true);

    receiver.answerWith(204);
    const second = spawnScript("src/main.ts", env);
    await waitForOutput(second, /connected to Discord/, 30_000);
    // A lease held at the kill runs out after 10 s; a released attempt is due within seconds.
    await c.discord.waitFor(() => ours().some((r) => r.answeredWith === 204), 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(ours().length).toBeGreaterThan(beforeKill);
    expect(ours().filter((r) => r.answeredWith === 204)).toHaveLength(1);
    expect(new Set(ours().map((r) => r.headers["x-octolink-delivery"])).size).toBe(1);
    expect(JSON.parse(ours()[0]?.body ?? "{}")).toMatchObject({
      event: "link.created",
      githubId: member.githubId,
    });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);
});
