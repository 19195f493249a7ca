import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLinkByDiscordId, listAuditEvents } from "../../src/storage/index.ts";
import {
  channelOption,
  integerOption,
  MODERATOR_PERMISSIONS,
  runCommand,
  stringOption,
  subcommand,
  userOption,
} from "../support/commands.ts";
import type { CommandOption } from "../support/discord/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { createMember, linkMember } from "../support/members.ts";

let h: Harness;
let moderator: ReturnType<typeof createMember>;
beforeAll(async () => {
  h = await startHarness();
  moderator = createMember(h);
});
afterAll(async () => {
  await h?.stop();
});

const admin = (sub: CommandOption, userId = moderator.discordId, memberPermissions = MODERATOR_PERMISSIONS) =>
  runCommand(h, { name: "link-admin", userId, memberPermissions, options: [sub] });

describe("/link-admin", () => {
  it("is registered for Manage Server, servers only, and checked again when run", async () => {
    const member = createMember(h);
    await linkMember(h, member);
    const refused = await admin(
      subcommand("unlink", [userOption("member", member.discordId)]),
      member.discordId,
      "2222085186637376",
    );
    expect(refused.content).toContain("Moderators only");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).not.toBeNull();

    const inDm = await runCommand(h, {
      name: "link-admin",
      userId: moderator.discordId,
      guildId: null,
      options: [subcommand("audit")],
    });
    expect(inDm.content).toContain("Servers only");

    const { commands } = await import("../../commands/index.ts");
    const json = commands.find((c) => c.data.name === "link-admin")?.data.toJSON() as {
      default_member_permissions?: string;
      contexts?: number[];
    };
    expect(json.default_member_permissions).toBe(String(1 << 5));
    expect(json.contexts).toEqual([0]);
  });

  it("unlink: removes the link, revokes at GitHub, DMs the member the reason and records who did it", async () => {
    const member = createMember(h, { login: "spammer" });
    await linkMember(h, member);
    const [token] = h.github.tokensFor(member.githubId);

    const reply = await admin(
      subcommand("unlink", [
        userOption("member", member.discordId),
        stringOption("reason", "spam in #general"),
      ]),
    );
    expect(reply.content).toContain(
      `Removed the link between <@${member.discordId}> and GitHub account **spammer**`,
    );
    expect(reply.content).toContain("octolink's access at GitHub is revoked");
    expect(reply.content).toContain("They were told by DM.");
    expect(await findLinkByDiscordId(h.bot.deps.storage, member.discordId)).toBeNull();
    expect(h.github.isTokenValid(token ?? "")).toBe(false);

    const dm = await h.discord.waitFor(() =>
      h.discord.dmsTo(member.discordId).find((m) => m.embeds[0]?.title === "Your GitHub link was removed"),
    );
    expect(dm.embeds[0]?.description).toContain("Reason: spam in #general");
    expect(dm.embeds[0]?.description).toContain("**Stand-in Guild**");

    // The record is written by the outbox job that follows the unlink: a moment later.
    await h.bot.deps.notifier.drain();
    const [latest] = await listAuditEvents(h.bot.deps.storage, { discordId: member.discordId, limit: 1 });
    expect(latest).toMatchObject({
      action: "admin_unlink",
      actorId: moderator.discordId,
      guildId: h.discord.guildId,
      githubLogin: "spammer",
      detail: "spam in #general",
    });

    const again = await admin(subcommand("unlink", [userOption("member", member.discordId)]));
    expect(again.content).toContain("has no linked GitHub account; nothing was changed");
  });

  it("unlink refuses a user who is not a member of this server and keeps their link", async () => {
    const outsider = createMember(h);
    await linkMember(h, outsider);
    h.discord.leaveGuild(outsider.discordId);
    const reply = await admin(subcommand("unlink", [userOption("member", outsider.discordId)]));
    expect(reply.content).toContain("not a member of this server");
    expect(await findLinkByDiscordId(h.bot.deps.storage, outsider.discordId)).not.toBeNull();
  });

  it("audit: the latest events, 10 a page, of members of this server only", async () => {
    const member = createMember(h, { login: "busy-member" });
    for (let round = 0; round < 6; round++) {
      await linkMember(h, member);
      await runCommand(h, { name: "unlink", userId: member.discordId });
    }
    const outsider = createMember(h, { login: "elsewhere" });
    await linkMember(h, outsider);
    h.discord.leaveGuild(outsider.discordId);
    // Each record is written by the outbox job that follows its change: a moment later.
    await h.bot.deps.notifier.drain();

    const first = await admin(subcommand("audit", [userOption("member", member.discordId)]));
    const lines = first.embeds[0]?.description?.split("\n") ?? [];
    expect(first.content).toContain("page 1");
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain("**unlinked**");
    expect(lines[1]).toContain("**linked**");
    expect(first.embeds[0]?.footer?.text).toContain("page:2");
    const second = await admin(
      subcommand("audit", [userOption("member", member.discordId), integerOption("page", 2)]),
    );
    expect(second.embeds[0]?.description?.split("\n")).toHaveLength(2);
    expect(second.embeds[0]?.description).toContain("**linked**");
    expect(second.embeds[0]?.footer?.text).toBe("That is the oldest event kept.");

    const everyone = await admin(subcommand("audit"));
    expect(everyone.embeds[0]?.description).toContain("busy-member");
    expect(everyone.embeds[0]?.description).not.toContain("elsewhere");
  });

  it("log-channel: posts each event there, says when octolink may not post, and can be cleared", async () => {
    const set = await admin(subcommand("log-channel", [channelOption("channel", h.discord.textChannelId)]));
    expect(set.content).toBe(`Link changes will be posted in <#${h.discord.textChannelId}>.`);
    expect(h.discord.channelMessages(h.discord.textChannelId).at(-1)?.content).toContain(
      "octolink will post every GitHub link change",
    );

    const member = createMember(h, { login: "logged-member" });
    await linkMember(h, member);
    const posted = await h.discord.waitFor(() =>
      h.discord.channelMessages(h.discord.textChannelId).find((m) => m.content.includes("logged-member")),
    );
    expect(posted.content).toContain(`<@${member.discordId}> **linked**`);

    const readOnly = await admin(
      subcommand("log-channel", [channelOption("channel", h.discord.readOnlyChannelId)]),
    );
    expect(readOnly.content).toContain("octolink may not post there");
    expect(readOnly.content).toContain("Send Messages");

    const cleared = await admin(subcommand("log-channel"));
    expect(cleared.content).toBe("Link changes are no longer posted to a channel.");
    await runCommand(h, { name: "unlink", userId: member.discordId });
    // Set it again and link again: that post arrives, the unlink made while cleared never does.
    await admin(subcommand("log-channel", [channelOption("channel", h.discord.textChannelId)]));
    await linkMember(h, member);
    const messages = () => h.discord.channelMessages(h.discord.textChannelId).map((m) => m.content);
    await h.discord.waitFor(() => messages().filter((c) => c.includes("logged-member")).length === 2);
    expect(messages().filter((c) => c.includes("**unlinked**") && c.includes("logged-member"))).toEqual([]);
  });

  it("log-channel: a Discord outage on the post is retried until it goes through, and it is posted once", async () => {
    await admin(subcommand("log-channel", [channelOption("channel", h.discord.textChannelId)]));
    // More 500s than discord.js retries by itself: the outbox job has to try again later.
    h.discord.failChannelPosts(h.discord.textChannelId, 5);
    const member = createMember(h, { login: "outage-member" });
    await linkMember(h, member);
    const posts = () =>
      h.discord.channelMessages(h.discord.textChannelId).filter((m) => m.content.includes("outage-member"));
    await h.discord.waitFor(() => posts().length > 0, 15_000);
    const retried = h.logs.filter(
      (l) => l.msg === "outbox job failed; will retry" && l.kind === "log_channel_post",
    );
    expect(retried.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.content).toContain(`<@${member.discordId}> **linked**`);
  });
});
