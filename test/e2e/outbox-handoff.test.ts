import type { Document } from "bson";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Cluster, startCluster } from "../support/cluster.ts";
import { crashTestBots, killAtCommand, stopBot } from "../support/crash-bots.ts";
import { answerConfirmation, authorizeViaLink, createMember, type Member } from "../support/members.ts";
import { type MongoTap, startMongoTap } from "../support/mongo-tap.ts";

/**
 * The worker that edits a /link reply records the edit and, in the same command, takes the
 * member's DM that waited on it (leased to itself), then sends it without claiming it. A SIGKILL
 * on either side of that record must still leave the member with one DM and the reply edited.
 */
let c: Cluster;
let tap: MongoTap;
let env: Record<string, string>;
const bots = crashTestBots(() => env);
beforeAll(async () => {
  c = await startCluster();
  tap = await startMongoTap(c.mongoUri);
  env = { ...c.env, MONGODB_URI: tap.uriFor(c.mongoUri) };
});
afterEach(() => bots.killLeft());
afterAll(async () => {
  await tap?.close();
  await c?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reply edit's finish record, which releases the DM waiting on it to the same worker. */
const handsOnTheDm = (cmd: Document): boolean =>
  cmd.update === "outbox" &&
  ((cmd.updates ?? []) as Document[]).some(
    (u) => (u.q as Document | undefined)?.status === "blocked" && (u.u as Document | undefined)?.$set?.owner,
  );

const replyEdits = () =>
  c.discord.requests.filter((r) => r.method === "PATCH" && r.route.endsWith("/messages/@original")).length;

async function linkAndKill(member: Member, when: "before" | "after") {
  const first = await bots.start();
  const { command, callbackUrl, browser } = await authorizeViaLink(c, member);
  const editsBefore = replyEdits();
  const killed = killAtCommand(tap, first, handsOnTheDm, when);
  expect((await answerConfirmation(browser, callbackUrl)).res.status).toBe(200);
  await killed;
  // The edit went out; the DM had not yet.
  expect(c.discord.originalMessage(command.token)?.content).toContain("is on its way");
  expect(c.discord.dmsTo(member.discordId)).toEqual([]);
  return { command, editsBefore };
}

describe("a /link reply edit hands the member's DM on to its worker", () => {
  it("SIGKILL right after the edit's record took the DM: after a restart the DM arrives once, the reply is not edited again", async () => {
    const member = createMember(c, { login: "killed-after-hand-on" });
    const { command, editsBefore } = await linkAndKill(member, "after");

    const second = await bots.start();
    // The DM was leased to the dead worker: it is sent once that lease runs out (10 s).
    await c.discord.waitFor(() => c.discord.dmsTo(member.discordId).length > 0, 30_000);
    await sleep(2_000);
    expect(c.discord.dmsTo(member.discordId)).toHaveLength(1);
    expect(c.discord.dmsTo(member.discordId)[0]?.embeds[0]?.title).toBe("GitHub account linked");
    expect(replyEdits() - editsBefore).toBe(1);
    expect(c.discord.originalMessage(command.token)?.content).toContain("is on its way");
    await stopBot(second);
  }, 90_000);

  it("SIGKILL right before the edit's record: after a restart the edit is repeated and the DM arrives once", async () => {
    const member = createMember(c, { login: "killed-before-hand-on" });
    const { command, editsBefore } = await linkAndKill(member, "before");

    const second = await bots.start();
    await c.discord.waitFor(() => c.discord.dmsTo(member.discordId).length > 0, 30_000);
    await sleep(2_000);
    expect(c.discord.dmsTo(member.discordId)).toHaveLength(1);
    // At most one extra message for a job in flight at the kill: here the edit, never the DM.
    expect(replyEdits() - editsBefore).toBe(2);
    expect(c.discord.originalMessage(command.token)?.content).toContain("is on its way");
    await stopBot(second);
  }, 90_000);
});
