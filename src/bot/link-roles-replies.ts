import { type ChatInputCommandInteraction, MessageFlags, roleMention } from "discord.js";
import { ROLE_RULE_KINDS, type RoleRuleKind } from "../domain/index.ts";
import type { LinkingDeps } from "../linking/index.ts";
import { describeRule } from "../linking/roles/describe-rule.ts";
import {
  addRoleRuleChecked,
  listRoleRulesChecked,
  removeRoleRulesOf,
} from "../linking/roles/manage-rules.ts";
import { requestRoleSync } from "../linking/roles/request-role-sync.ts";
import { describeRoleBlock } from "../linking/roles/role-block-error.ts";
import { parseRuleTarget } from "../linking/roles/rule-target.ts";
import type { AdminReply } from "./link-admin-replies.ts";

type GuildInteraction = ChatInputCommandInteraction<"cached" | "raw">;

const kindOption = (interaction: GuildInteraction, required: boolean): RoleRuleKind | null => {
  const value = interaction.options.getString("rule", required);
  return ROLE_RULE_KINDS.find((kind) => kind === value) ?? null;
};

export async function showRoleRuleAdded(
  interaction: GuildInteraction,
  deps: LinkingDeps,
): Promise<AdminReply> {
  const role = interaction.options.getRole("role", true);
  const fact = parseRuleTarget(
    kindOption(interaction, true) ?? "linked",
    interaction.options.getString("target"),
  );
  const added = await addRoleRuleChecked(deps, {
    guildId: interaction.guildId,
    roleId: role.id,
    fact,
    actorId: interaction.user.id,
  });
  const rule = `${roleMention(role.id)} for linked members who match: ${describeRule(fact)}`;
  if (!added) return { content: `That rule exists already: ${rule}. Nothing was changed.` };
  return {
    content:
      `Added: ${rule}. Members get it within seconds of linking; members linked already get it at the next ` +
      "sync (run `/link-roles sync` to do that now).",
  };
}

export async function showRoleRulesRemoved(
  interaction: GuildInteraction,
  deps: LinkingDeps,
): Promise<AdminReply> {
  const role = interaction.options.getRole("role", true);
  const kind = kindOption(interaction, false);
  const rawTarget = interaction.options.getString("target");
  const target = kind && rawTarget !== null ? parseRuleTarget(kind, rawTarget).target : undefined;
  const removed = await removeRoleRulesOf(deps, {
    guildId: interaction.guildId,
    roleId: role.id,
    ...(kind ? { kind } : {}),
    ...(target !== undefined ? { target } : {}),
  });
  if (removed.length === 0)
    return {
      content: `No rule for ${roleMention(role.id)} matches; nothing was changed. See \`/link-roles list\`.`,
    };
  const lines = removed.map((r) => `- ${describeRule(r)}`).join("\n");
  return {
    content:
      `Removed ${removed.length === 1 ? "the rule" : `${removed.length} rules`} for ${roleMention(role.id)}:\n${lines}\n` +
      "Members who got the role from octolink lose it at the next sync unless another rule still gives it " +
      "(run `/link-roles sync` to do that now). Roles given by people are never touched.",
  };
}

export async function showRoleRules(interaction: GuildInteraction, deps: LinkingDeps): Promise<AdminReply> {
  const listed = await listRoleRulesChecked(deps, interaction.guildId);
  if (listed.length === 0)
    return {
      content:
        "This server has no role rules. Add one with `/link-roles add role:@Role rule:org target:acme`.",
    };
  const lines = listed.map(({ rule, block }) => {
    const line = `${roleMention(rule.roleId)} — ${describeRule(rule)} (\`${rule.kind}${rule.target ? ` ${rule.target}` : ""}\`)`;
    if (block === "deleted") return `${line}\n  ⚠ That role was deleted; remove the rule.`;
    if (!block) return line;
    const { why, next } = describeRoleBlock(block, rule.roleId);
    return `${line}\n  ⚠ ${why} ${next}`;
  });
  return {
    content: `This server's role rules (${listed.length}):`,
    embeds: [{ description: lines.join("\n").slice(0, 4096) }],
  };
}

/** Long work: the reply is deferred and a worker edits it with the result. */
export async function startRoleSync(interaction: GuildInteraction, deps: LinkingDeps): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const started = await requestRoleSync(deps, {
    guildId: interaction.guildId,
    actorId: interaction.user.id,
    interactionId: interaction.id,
    interactionToken: interaction.token,
  });
  if (!started)
    await interaction.editReply({
      content:
        "A role sync of this server is already running; its result will be posted where it was started.",
    });
}
