import {
  type ChatInputCommandInteraction,
  escapeMarkdown,
  hyperlink,
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  userMention,
} from "discord.js";
import { linkEmbed } from "../src/discord/messages.ts";
import { GuildOnlyError } from "../src/errors/index.ts";
import { type LinkingDeps, whoisGithubLogin, type WhoisLink, whoisMember } from "../src/linking/index.ts";

export const data = new SlashCommandBuilder()
  .setName("whois")
  .setDescription("Which GitHub account a member linked, or which members linked a GitHub account")
  .setContexts(InteractionContextType.Guild)
  .addUserOption((option) => option.setName("member").setDescription("A member of this server"))
  .addStringOption((option) =>
    option.setName("github").setDescription("A GitHub login (any case)").setMaxLength(39),
  );

const UNVERIFIED = "⚠️ unverified: GitHub no longer accepts this link, so it may be out of date";

export async function execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void> {
  const guildId = interaction.guildId;
  if (!guildId) throw new GuildOnlyError();
  const member = interaction.options.getUser("member");
  const login = interaction.options.getString("github")?.trim();
  if (member) return replyForMember(interaction, deps, guildId, member.id);
  if (login) return replyForLogin(interaction, deps, guildId, login);
  await interaction.reply({
    content: "Give a `member` or a `github` login, e.g. `/whois github:octocat`.",
    flags: MessageFlags.Ephemeral,
  });
}

async function replyForMember(
  interaction: ChatInputCommandInteraction,
  deps: LinkingDeps,
  guildId: string,
  discordId: string,
) {
  const found = await whoisMember(deps, { guildId, discordId });
  const who = userMention(discordId);
  const content =
    found === "not_member"
      ? `${who} is not a member of this server.`
      : !found
        ? `${who} has not linked a GitHub account.`
        : found.verified
          ? `${who} is linked to:`
          : `${who} is linked to:\n${UNVERIFIED}`;
  const embeds = found && found !== "not_member" ? [linkEmbed(found.summary)] : [];
  await interaction.reply({ content, embeds, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

async function replyForLogin(
  interaction: ChatInputCommandInteraction,
  deps: LinkingDeps,
  guildId: string,
  login: string,
) {
  const found = await whoisGithubLogin(deps, { guildId, login });
  const shown = escapeMarkdown(login);
  const lines = found.map(({ discordId, summary: { account }, verified }: WhoisLink) => {
    const profile = hyperlink(escapeMarkdown(account.login), account.profileUrl);
    return `• ${userMention(discordId)} — ${profile}${verified ? "" : ` (${UNVERIFIED})`}`;
  });
  const content =
    lines.length === 0
      ? `Nobody here is linked to GitHub account **${shown}**.`
      : `Members of this server linked to GitHub account **${shown}**:\n${lines.join("\n")}`;
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}
