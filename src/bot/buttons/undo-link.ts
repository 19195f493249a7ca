import { type ButtonInteraction, escapeMarkdown } from "discord.js";
import { REVOKE_IT_YOURSELF, UNDO_BUTTON_PREFIX } from "../../discord/messages.ts";
import { type LinkingDeps, unlinkMember } from "../../linking/index.ts";

export const customIdPrefix = UNDO_BUTTON_PREFIX;

/** The DM's "Not you? Undo": removes that link (if it is still the current one) and the whole grant. */
export async function execute(interaction: ButtonInteraction, deps: LinkingDeps): Promise<void> {
  const githubId = Number(interaction.customId.slice(UNDO_BUTTON_PREFIX.length));
  const { removed, revokedAtGitHub } = await unlinkMember(deps, interaction.user.id, {
    githubId,
    revokeGrant: true,
    cause: {
      action: "undone",
      actorId: interaction.user.id,
      guildId: interaction.guildId,
      detail: "Not you? Undo in the DM",
    },
  });
  const content = !removed
    ? "That link is already gone; nothing was changed."
    : `Undone: GitHub account **${escapeMarkdown(removed.login)}** is no longer linked${revokedAtGitHub ? " and its access was revoked at GitHub." : `. ${REVOKE_IT_YOURSELF}`}`;
  await interaction.update({ components: [] });
  await interaction.followUp({ content });
}
