import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from "discord.js";
import {
  showRoleRuleAdded,
  showRoleRules,
  showRoleRulesRemoved,
  startRoleSync,
} from "../src/bot/link-roles-replies.ts";
import { ROLE_RULE_KINDS } from "../src/domain/index.ts";
import { GuildOnlyError, ManageRolesRequiredError } from "../src/errors/index.ts";
import type { LinkingDeps } from "../src/linking/index.ts";

const RULE_NAMES: Record<(typeof ROLE_RULE_KINDS)[number], string> = {
  linked: "linked: any linked GitHub account",
  org: "org: member of a GitHub organization (target: acme)",
  team: "team: member of a GitHub team (target: acme/core)",
  stargazer: "stargazer: starred a repository (target: owner/repo)",
  contributor: "contributor: a merged pull request (target: owner/repo)",
  sponsor: "sponsor: sponsors an account (target: account or account:5)",
};

const ruleOption = (o: SlashCommandStringOption) =>
  o.setName("rule").addChoices(ROLE_RULE_KINDS.map((kind) => ({ name: RULE_NAMES[kind], value: kind })));

const targetOption = (o: SlashCommandStringOption) =>
  o
    .setName("target")
    .setDescription("acme, acme/core, owner/repo, or account[:dollars] (see rule)")
    .setMaxLength(150);

export const data = new SlashCommandBuilder()
  .setName("link-roles")
  .setDescription("Give roles from members' linked GitHub accounts")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName("add")
      .setDescription("Give a role to every linked member a GitHub fact holds for")
      .addRoleOption((o) => o.setName("role").setDescription("The role to give").setRequired(true))
      .addStringOption((o) => ruleOption(o).setDescription("What must be true on GitHub").setRequired(true))
      .addStringOption(targetOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName("remove")
      .setDescription("Remove a role's rules (all of them, or one kind and target)")
      .addRoleOption((o) => o.setName("role").setDescription("The role").setRequired(true))
      .addStringOption((o) => ruleOption(o).setDescription("Only rules of this kind"))
      .addStringOption(targetOption),
  )
  .addSubcommand((sub) => sub.setName("list").setDescription("This server's role rules"))
  .addSubcommand((sub) =>
    sub.setName("sync").setDescription("Re-check every linked member of this server now and fix their roles"),
  );

export async function execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void> {
  if (!interaction.inGuild()) throw new GuildOnlyError();
  // Discord hides the command from others by default, but a server can grant it to anyone.
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageRoles))
    throw new ManageRolesRequiredError();
  const sub = interaction.options.getSubcommand();
  if (sub === "sync") return startRoleSync(interaction, deps);
  const reply =
    sub === "add"
      ? await showRoleRuleAdded(interaction, deps)
      : sub === "remove"
        ? await showRoleRulesRemoved(interaction, deps)
        : await showRoleRules(interaction, deps);
  await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}
