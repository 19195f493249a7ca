import {
  type ChatInputCommandInteraction,
  escapeMarkdown,
  MessageFlags,
  SlashCommandBuilder,
} from "discord.js";
import { LINKED_ROLES_UNLINKED, REVOKE_IT_YOURSELF } from "../src/discord/messages.ts";
import { type LinkingDeps, unlinkMember } from "../src/linking/index.ts";

export const data = new SlashCommandBuilder()
  .setName("unlink")
  .setDescription("Remove the link to your GitHub account and revoke octolink's access");

/**
 * Deferred: the link goes only once no token refresh is in flight (so the grant is revoked with
 * the token GitHub knows), and that wait plus GitHub's answer can outlast Discord's 3 seconds.
 */
export async function execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { removed, revokedAtGitHub } = await unlinkMember(deps, interaction.user.id, {
    cause: { action: "unlinked", actorId: interaction.user.id, guildId: interaction.guildId },
  });
  const content = !removed
    ? "You have no linked GitHub account, so there was nothing to remove."
    : revokedAtGitHub
      ? `Unlinked GitHub account **${escapeMarkdown(removed.login)}** and revoked octolink's access at GitHub.`
      : `Unlinked GitHub account **${escapeMarkdown(removed.login)}**. ${REVOKE_IT_YOURSELF}`;
  const erased = removed
    ? `\noctolink no longer stores your link or your GitHub tokens. Roles octolink gave you for your GitHub account are removed within seconds in every server; roles people gave you stay. ` +
      `The audit log keeps a record of this change and earlier ones (your Discord id, GitHub id and login, no tokens) for ${deps.config.auditRetentionDays} days.`
    : "";
  const linkedRoles = removed && deps.config.linkedRoles ? `\n${LINKED_ROLES_UNLINKED}` : "";
  await interaction.editReply(content + erased + linkedRoles);
}
