import { findRoleBlock, type RoleBlock } from "../../discord/role-hierarchy.ts";
import type { RoleFact, RoleRule } from "../../domain/index.ts";
import { addRoleRule, listRoleRules, removeRoleRules } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { roleBlockError } from "./role-block-error.ts";

/** How octolink stands towards each role of the server: null when it can manage it. */
async function readRoleBlocks(deps: LinkingDeps, guildId: string): Promise<Map<string, RoleBlock | null>> {
  const [roles, botRoles] = await Promise.all([
    deps.guildRoles.listRoles(guildId),
    deps.guildRoles.fetchMemberRoles(guildId, deps.config.discord.clientId),
  ]);
  const guild = { id: guildId, roles };
  return new Map(roles.map((role) => [role.id, findRoleBlock(guild, botRoles ?? [], role)]));
}

/**
 * `/link-roles add`: stores the rule once octolink is sure it can give the role (asking
 * Discord, not its cache, since a moderator may just have moved roles). False: it existed.
 */
export async function addRoleRuleChecked(
  deps: LinkingDeps,
  params: { guildId: string; roleId: string; fact: RoleFact; actorId: string },
): Promise<boolean> {
  const blocks = await readRoleBlocks(deps, params.guildId);
  const block = blocks.get(params.roleId);
  if (block) throw roleBlockError(block, params.roleId);
  const rule: RoleRule = { guildId: params.guildId, roleId: params.roleId, ...params.fact };
  return addRoleRule(deps.storage, rule, params.actorId);
}

/** `/link-roles remove`: the role's rules, or only those of one kind (and target). */
export const removeRoleRulesOf = (
  deps: LinkingDeps,
  selector: { guildId: string; roleId: string; kind?: RoleFact["kind"]; target?: string | null },
): Promise<RoleRule[]> => removeRoleRules(deps.storage, selector);

export interface ListedRule {
  rule: RoleRule;
  /** Why octolink cannot give this role now; "deleted" when the role is gone. */
  block: RoleBlock | "deleted" | null;
}

/** `/link-roles list`: the server's rules, each with whether octolink can still give its role. */
export async function listRoleRulesChecked(deps: LinkingDeps, guildId: string): Promise<ListedRule[]> {
  const rules = await listRoleRules(deps.storage, guildId);
  if (rules.length === 0) return [];
  const blocks = await readRoleBlocks(deps, guildId);
  return rules.map((rule) => ({
    rule,
    block: blocks.has(rule.roleId) ? (blocks.get(rule.roleId) ?? null) : "deleted",
  }));
}
