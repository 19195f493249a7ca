import type { ChatInputCommandInteraction } from "discord.js";
import type { StartLinkInput } from "../linking/index.ts";

/** What `startLink` needs from the interaction that asked for a sign-in button. */
export const linkInputFrom = (interaction: ChatInputCommandInteraction): StartLinkInput => ({
  discord: {
    id: interaction.user.id,
    username: interaction.user.username,
    displayName: interaction.user.globalName,
    avatarUrl: interaction.user.displayAvatarURL({ size: 128 }),
  },
  guildId: interaction.guildId,
  interactionToken: interaction.token,
});
