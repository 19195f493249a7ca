import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from "discord.js";
import { showAdminUnlink, showAuditPage, showLogChannelChange } from "../src/bot/link-admin-replies.ts";
import { GuildOnlyError, ManageServerRequiredError } from "../src/errors/index.ts";
import type { LinkingDeps } from "../src/linking/index.ts";

export const data = new SlashCommandBuilder()
  .setName("link-admin")
  .setDescription("Moderator tools for GitHub links")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName("unlink")
      .setDescription("Remove a member's GitHub link and revoke octolink's access; the member gets a DM")
      .addUserOption((o) => o.setName("member").setDescription("The member").setRequired(true))
      .addStringOption((o) =>
        o.setName("reason").setDescription("Told to the member and kept in the audit log").setMaxLength(200),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("audit")
      .setDescription("The latest link changes of this server's members")
      .addUserOption((o) => o.setName("member").setDescription("Only this member's changes"))
      .addIntegerOption((o) => o.setName("page").setDescription("Page (10 events each)").setMinValue(1)),
  )
  .addSubcommand((sub) =>
    sub
      .setName("log-channel")
      .setDescription("Post every link change to a channel; leave out the channel to stop")
      .addChannelOption((o) => o.setName("channel").setDescription("Where to post")),
  );

export async function execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void> {
  if (!interaction.guildId) throw new GuildOnlyError();
  // Discord hides the command from others by default, but a server can grant it to anyone.
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    throw new ManageServerRequiredError();
  const sub = interaction.options.getSubcommand();
  const reply =
    sub === "unlink"
      ? await showAdminUnlink(interaction, deps)
      : sub === "audit"
        ? await showAuditPage(interaction, deps)
        : await showLogChannelChange(interaction, deps);
  await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}
