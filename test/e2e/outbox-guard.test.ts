import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealToken } from "../../src/crypto/index.ts";
import { createNotifier } from "../../src/linking/outbox/index.ts";
import { auditNoticeOf } from "../../src/linking/record-audit-event.ts";
import { listAuditEvents, saveLink } from "../../src/storage/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, type Member, runLink } from "../support/members.ts";

/**
 * A confirmation writes the link's DM and reply edit to the outbox before the link itself
 * (src/linking/outbox/link-guard.ts). These tests stop a confirmation at each point a
 * `kill -9` could: the jobs are written by a notifier of their own, as by a process that then
 * died, so this bot's worker knows nothing of them but what MongoDB holds.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** /link as the member, then the outbox write of a confirmation whose process dies right after. */
async function confirmationCutShort(member: Member, opts: { decideInMs: number }) {
  const { command } = await runLink(h, member.discordId);
  const linkedAt = new Date();
  const account = {
    id: member.githubId,
    login: member.login,
    name: null,
    avatarUrl: null,
    profileUrl: `${h.github.url}/${member.login}`,
  };
  const deadProcess = createNotifier({ storage: h.bot.deps.storage });
  await deadProcess.notifyLinked({
    confirmationId: `guard-test-${member.discordId}`,
    discordId: member.discordId,
    sealedInteractionToken: sealToken(h.config.tokenKeys, member.discordId, command.token),
    account,
    linkedAt,
    decideBy: new Date(linkedAt.getTime() + opts.decideInMs),
    audit: auditNoticeOf(
      h.bot.deps,
      { action: "linked", actorId: member.discordId, guildId: null },
      { discordId: member.discordId, githubId: member.githubId, githubLogin: member.login },
      linkedAt,
    ),
  });
  const writeLink = () =>
    saveLink(
      h.bot.deps.storage,
      {
        discordId: member.discordId,
        github: account,
        tokens: { accessToken: "sealed", refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null },
        scopes: ["read:user"],
      },
      linkedAt,
    );
  return { command, writeLink };
}

const replyOf = (token: string) => h.discord.originalMessage(token)?.content ?? "";
const auditOf = async (member: Member) =>
  (await listAuditEvents(h.bot.deps.storage, { discordId: member.discordId, limit: 10 })).map(
    (e) => e.action,
  );

describe("a link's DM and reply edit, written before the link", () => {
  it("killed after the link write: the DM and the edit still go out", async () => {
    const member = createMember(h);
    const { command, writeLink } = await confirmationCutShort(member, { decideInMs: 60_000 });
    await writeLink();

    await h.discord.waitFor(
      () =>
        replyOf(command.token).includes("Linked to GitHub") && h.discord.dmsTo(member.discordId).length > 0,
      10_000,
    );
    expect(h.discord.dmsTo(member.discordId)).toHaveLength(1);
    expect(h.discord.dmsTo(member.discordId)[0]?.embeds[0]?.title).toBe("GitHub account linked");
    expect(replyOf(command.token)).toContain("is on its way");
    await h.bot.deps.notifier.drain();
    expect(await auditOf(member)).toEqual(["linked"]);
  });

  it("a link replaced before any worker looked: its DM is dropped, its audit record still written", async () => {
    const member = createMember(h);
    const { writeLink } = await confirmationCutShort(member, { decideInMs: 60_000 });
    await writeLink();
    // The member links again (as from another tab) before the first link's jobs are claimed.
    await saveLink(
      h.bot.deps.storage,
      {
        discordId: member.discordId,
        github: { id: member.githubId, login: member.login, name: null, avatarUrl: null, profileUrl: "" },
        tokens: { accessToken: "sealed", refreshToken: null, accessExpiresAt: null, refreshExpiresAt: null },
        scopes: ["read:user"],
      },
      new Date(Date.now() + 1),
    );
    await h.bot.deps.notifier.drain();
    expect(await auditOf(member)).toContain("linked");
  });

  it("a link write that lands late is waited for", async () => {
    const member = createMember(h);
    const { command, writeLink } = await confirmationCutShort(member, { decideInMs: 60_000 });
    // The worker has looked (every 250 ms) and found no link yet.
    await sleep(1_000);
    expect(h.discord.dmsTo(member.discordId)).toHaveLength(0);
    await writeLink();

    await h.discord.waitFor(
      () =>
        replyOf(command.token).includes("Linked to GitHub") && h.discord.dmsTo(member.discordId).length > 0,
      10_000,
    );
    expect(h.discord.dmsTo(member.discordId)).toHaveLength(1);
  });

  it("killed before the link write: no DM and no edit claim a link that does not exist", async () => {
    const member = createMember(h);
    const { command } = await confirmationCutShort(member, { decideInMs: 1_500 });
    const replyBefore = replyOf(command.token);

    // Past the guard's deadline the jobs are dropped: nothing is left open to retry.
    await h.bot.deps.notifier.drain();
    await sleep(500);
    expect(h.discord.dmsTo(member.discordId)).toHaveLength(0);
    expect(replyOf(command.token)).toBe(replyBefore);
    expect(replyBefore).toContain("Sign in with GitHub");
    expect(await auditOf(member)).toEqual([]);
  });
});
