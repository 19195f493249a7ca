import type { ChatInputCommandInteraction } from "discord.js";
import type { StartLinkInput } from "../linking/index.ts";

/** What `startLink` needs from the interaction that asked for a sign-in button. */
export const linkInputFrom = (interaction: ChatInputCommandInteraction): StartLinkInput => ({
  discordId: interaction.user.id,
  guildId: interaction.guildId,
  interactionToken: interaction.token,
  discordUsername: interaction.user.username,
  discordDisplayName: interaction.user.globalName,
  discordAvatarUrl: interaction.user.displayAvatarURL({ size: 128 }),
});
