import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, startCluster } from "../support/cluster.ts";
import { answerConfirmation, authorizeViaLink, createMember, type Member } from "../support/members.ts";
import { spawnScript, waitForOutput } from "../support/spawn-bot.ts";

let c: Cluster;
beforeAll(async () => {
  // Four requests a second: DMs queue up behind the success pages.
  c = await startCluster({ globalRateLimitPerSecond: 4 });
});
afterAll(async () => {
  await c?.stop();
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
      expect(c.discord.originalMessage(cmd.token)?.content).toContain("I sent you a DM");
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 120_000);
});
