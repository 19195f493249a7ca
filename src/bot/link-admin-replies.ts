import {
  type APIEmbed,
  channelMention,
  type ChatInputCommandInteraction,
  escapeMarkdown,
  userMention,
} from "discord.js";
import { describeAuditEvent } from "../discord/audit-message.ts";
import {
  adminUnlinkMember,
  AUDIT_PAGE_SIZE,
  chooseLogChannel,
  type LinkingDeps,
  listAuditPage,
} from "../linking/index.ts";

export interface AdminReply {
  content: string;
  embeds?: APIEmbed[];
}

// Only called from /link-admin, which runs in servers only.
const guildOf = (interaction: ChatInputCommandInteraction) => ({
  guildId: interaction.guildId ?? "",
  guildName: interaction.guild?.name ?? "this server",
});

export async function showAdminUnlink(
  interaction: ChatInputCommandInteraction,
  deps: LinkingDeps,
): Promise<AdminReply> {
  const member = interaction.options.getUser("member", true);
  const reason = interaction.options.getString("reason")?.trim() || null;
  const { removed, revokedAtGitHub, dmSent } = await adminUnlinkMember(deps, {
    ...guildOf(interaction),
    actorId: interaction.user.id,
    discordId: member.id,
    reason,
  });
  const who = userMention(member.id);
  if (!removed) return { content: `${who} has no linked GitHub account; nothing was changed.` };
  const revoked = revokedAtGitHub
    ? "octolink's access at GitHub is revoked"
    : "GitHub could not be reached to revoke octolink's access (the link is removed all the same)";
  const told = dmSent ? "They were told by DM." : "They could not be told by DM (their DMs are closed).";
  return {
    content: `Removed the link between ${who} and GitHub account **${escapeMarkdown(removed.login)}**; ${revoked}. ${told}`,
  };
}

export async function showAuditPage(
  interaction: ChatInputCommandInteraction,
  deps: LinkingDeps,
): Promise<AdminReply> {
  const member = interaction.options.getUser("member");
  const page = interaction.options.getInteger("page") ?? 1;
  const { events, hasMore } = await listAuditPage(deps, {
    guildId: guildOf(interaction).guildId,
    ...(member ? { discordId: member.id } : {}),
    page,
  });
  const about = member ? ` of ${userMention(member.id)}` : "";
  if (events.length === 0)
    return {
      content: page === 1 ? `No link changes${about} are recorded.` : `Page ${page} is past the last event.`,
    };
  const next = hasMore
    ? `More: \`/link-admin audit${member ? ` member:@${member.username}` : ""} page:${page + 1}\``
    : "That is the oldest event kept.";
  return {
    content: `Link changes${about}, newest first (page ${page}, ${AUDIT_PAGE_SIZE} per page).`,
    embeds: [{ description: events.map(describeAuditEvent).join("\n"), footer: { text: next } }],
  };
}

export async function showLogChannelChange(
  interaction: ChatInputCommandInteraction,
  deps: LinkingDeps,
): Promise<AdminReply> {
  const channel = interaction.options.getChannel("channel");
  const outcome = await chooseLogChannel(deps, {
    guildId: guildOf(interaction).guildId,
    channelId: channel?.id ?? null,
    actorId: interaction.user.id,
  });
  if (outcome === "cleared") return { content: "Link changes are no longer posted to a channel." };
  const where = channelMention(channel?.id ?? "");
  if (outcome === "posted") return { content: `Link changes will be posted in ${where}.` };
  return {
    content:
      `Saved ${where} as the log channel, but octolink may not post there (${outcome === "unknown_channel" ? "it cannot see that channel" : "it lacks the View Channel or Send Messages permission"}). ` +
      "Give octolink's role those permissions in that channel, or pick another channel.",
  };
}
