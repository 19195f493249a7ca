import {
  type ChatInputCommandInteraction,
  MessageFlags,
  SlashCommandBuilder,
  userMention,
} from "discord.js";
import { linkEmbed } from "../src/bot/messages.ts";
import type { LinkingDeps } from "../src/linking/index.ts";
import { findLinkByDiscordId } from "../src/storage/index.ts";

export const data = new SlashCommandBuilder()
  .setName("whoami")
  .setDescription("Show the GitHub account linked to you, or to another member")
  .addUserOption((option) =>
    option.setName("member").setDescription("Whose GitHub account to show").setRequired(false),
  );

export async function execute(
  interaction: ChatInputCommandInteraction,
  deps: LinkingDeps,
): Promise<void> {
  const member = interaction.options.getUser("member");
  const self = !member || member.id === interaction.user.id;
  const discordId = member?.id ?? interaction.user.id;
  const link = await findLinkByDiscordId(deps.storage, discordId);
  if (!link) {
    const content = self
      ? "You have not linked a GitHub account yet. Run /link to connect one."
      : `${userMention(discordId)} has not linked a GitHub account.`;
    await interaction.reply({
      content,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const profileUrl = `${deps.config.github.url}/${encodeURIComponent(link.githubLogin)}`;
  await interaction.reply({
    content: self ? "Your linked GitHub account:" : `${userMention(discordId)} is linked to:`,
    // Another member sees the login and profile only, never the scopes or anything token-related.
    embeds: [linkEmbed(link, profileUrl, { full: self })],
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
