import {
  type ChatInputCommandInteraction,
  escapeMarkdown,
  MessageFlags,
  SlashCommandBuilder,
  time,
  userMention,
} from "discord.js";
import { linkInputFrom } from "../src/bot/link-input.ts";
import { storedDataEmbed } from "../src/bot/stored-data-embed.ts";
import { connectButtonRow, linkEmbed } from "../src/discord/messages.ts";
import {
  checkLink,
  describeStoredData,
  findLinkSummary,
  type LinkingDeps,
  startLink,
} from "../src/linking/index.ts";

export const data = new SlashCommandBuilder()
  .setName("whoami")
  .setDescription("Show the GitHub account linked to you, or to another member")
  .addUserOption((option) =>
    option.setName("member").setDescription("Whose GitHub account to show").setRequired(false),
  );

export async function execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void> {
  const member = interaction.options.getUser("member");
  if (!member || member.id === interaction.user.id) return showOwnLink(interaction, deps);
  const link = await findLinkSummary(deps, member.id);
  // GitHub took its access back (revoked on GitHub, or expired): octolink can no longer vouch
  // that the account is theirs, so it is not shown as if it were.
  await interaction.reply({
    content: !link
      ? `${userMention(member.id)} has not linked a GitHub account.`
      : !link.verified
        ? `${userMention(member.id)} was linked to this GitHub account, but it is **unverified**: GitHub no longer accepts the link, so it may not be theirs any more.`
        : `${userMention(member.id)} is linked to:`,
    // Another member sees the login and profile only, never the scopes or anything token-related.
    embeds: link ? [linkEmbed(link)] : [],
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** Checks the link with GitHub first (which may take a refresh), so the reply is deferred. */
async function showOwnLink(interaction: ChatInputCommandInteraction, deps: LinkingDeps) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const checked = await checkLink(deps, interaction.user.id);
  if (!checked) {
    await interaction.editReply("You have not linked a GitHub account yet. Run /link to connect one.");
    return;
  }
  const { link, health } = checked;
  const stored = await describeStoredData(deps, interaction.user.id);
  const embeds = [linkEmbed(link, health), ...(stored ? [storedDataEmbed(stored)] : [])];
  if (health !== "needs_relink") {
    await interaction.editReply({
      content:
        health === "unchecked"
          ? "Your linked GitHub account, as octolink last saw it (GitHub could not be reached to check it just now):"
          : "Your linked GitHub account:",
      embeds,
    });
    return;
  }
  // The same button /link gives, so the reply is updated once the member has re-linked.
  const { url, expiresAt } = await startLink(deps, linkInputFrom(interaction));

  await interaction.editReply({
    content:
      `GitHub no longer accepts octolink's access to **${escapeMarkdown(link.account.login)}** (it was revoked on GitHub or has expired). ` +
      `Your link is kept, but it needs renewing: sign in again with the button below, or run /unlink to remove it.\n` +
      `This button works once and expires ${time(expiresAt, "R")}.`,
    embeds,
    components: [connectButtonRow(url, "Re-link GitHub")],
  });
}
