import { type ChatInputCommandInteraction, SlashCommandBuilder, time } from "discord.js";
import { ephemeralReply } from "../src/bot/ephemeral-reply.ts";
import { linkInputFrom } from "../src/bot/link-input.ts";
import { connectButtonRow } from "../src/discord/messages.ts";

import { type LinkingDeps, startLink } from "../src/linking/index.ts";

export const data = new SlashCommandBuilder()
  .setName("link")
  .setDescription("Link your GitHub account to your Discord account");

export async function execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void> {
  const { url, existing, expiresAt } = await startLink(deps, linkInputFrom(interaction));
  const intro = existing
    ? `You are already linked to GitHub account **${existing.login}**. To link a different account (or refresh this one), sign in again:`
    : "Sign in with GitHub to link your account:";
  await interaction.reply(
    ephemeralReply(interaction, {
      content: `${intro}\nThis button works once and expires ${time(expiresAt, "R")}.`,
      components: [connectButtonRow(url, existing ? "Re-link GitHub" : "Connect GitHub")],
    }),
  );
}
