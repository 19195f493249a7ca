import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/domain/index.ts";
import { listAuditEvents } from "../../src/storage/index.ts";
import { runCommand } from "../support/commands.ts";
import { githubAppAuthorizationRevoked, sendWebhook } from "../support/github/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember } from "../support/members.ts";

const SECRET = "webhook-secret-for-tests-0123456789";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ GITHUB_WEBHOOK_SECRET: SECRET, AUDIT_RETENTION_DAYS: "30" });
});
afterAll(async () => {
  await h?.stop();
});

/** The member's audit trail, oldest first, without the timestamps. */
async function trailOf(discordId: string) {
  // Each record is written by the outbox job that follows its change: a moment later.
  await h.bot.deps.notifier.drain();
  const events = await listAuditEvents(h.bot.deps.storage, { discordId, limit: 100 });
  return events.reverse().map(({ at, ...rest }: AuditEvent) => {
    expect(at).toBeInstanceOf(Date);
    return rest;
  });
}

describe("audit_events", () => {
  it("records link, re-link (to another account) and /unlink, with who did it and where", async () => {
    const member = createMember(h, { login: "first-account" });
    const second = createMember(h, { login: "second-account" });
    await linkMember(h, member);
    await linkMember(h, { discordId: member.discordId, githubId: second.githubId });
    await runCommand(h, { name: "unlink", userId: member.discordId });

    const base = { discordId: member.discordId, actorId: member.discordId, guildId: h.discord.guildId };
    expect(await trailOf(member.discordId)).toEqual([
      { ...base, action: "linked", githubId: member.githubId, githubLogin: "first-account", detail: null },
      {
        ...base,
        action: "relinked",
        githubId: second.githubId,
        githubLogin: "second-account",
        detail: "was first-account",
      },
      { ...base, action: "unlinked", githubId: second.githubId, githubLogin: "second-account", detail: null },
    ]);
  });

  it("records a revocation on GitHub once as needs_relink, and Undo in the DM as undone", async () => {
    const member = createMember(h, { login: "revoked-member" });
    await linkMember(h, member);
    const event = githubAppAuthorizationRevoked(
      { id: member.githubId, login: member.login },
      { webUrl: h.github.url, apiUrl: h.github.apiUrl },
    );
    for (let delivery = 0; delivery < 2; delivery++) {
      const res = await sendWebhook(`${h.bot.url}/webhooks/github`, {
        event: "github_app_authorization",
        payload: event,
        secret: SECRET,
      });
      expect(res.status).toBe(200);
    }
    const dm = await h.discord.waitFor(() => h.discord.dmsTo(member.discordId)[0]);
    const click = await h.discord.clickButton({
      userId: member.discordId,
      message: dm,
      customId: `octolink:undo:${member.githubId}`,
    });
    await h.discord.waitFor(() => h.discord.followUps(click.token)[0]);

    expect((await trailOf(member.discordId)).map((e) => [e.action, e.actorId, e.detail])).toEqual([
      ["linked", member.discordId, null],
      ["needs_relink", null, "authorization revoked on GitHub"],
      ["undone", member.discordId, "Not you? Undo in the DM"],
    ]);
  });

  it("keeps records AUDIT_RETENTION_DAYS: a TTL index on `at`", async () => {
    const indexes = await h.bot.deps.storage.auditEvents.collection.indexes();
    const ttl = indexes.find((index) => index.key.at !== undefined && index.expireAfterSeconds !== undefined);
    expect(ttl?.expireAfterSeconds).toBe(30 * 24 * 60 * 60);
  });
});
