import { roleMention } from "discord.js";
import type { RoleBlock } from "../../discord/role-hierarchy.ts";
import { UnmanageableRoleError } from "../../errors/index.ts";

/** Why octolink cannot manage a role, and what the moderator can do about it. */
export function describeRoleBlock(block: RoleBlock, roleId: string): { why: string; next: string } {
  const role = roleMention(roleId);
  switch (block.reason) {
    case "everyone":
      return {
        why: "@everyone is every member's role: it cannot be given or taken.",
        next: "Create a role in Server Settings → Roles and use that in the rule.",
      };
    case "managed":
      return {
        why: `The role ${role} is managed by an integration (a bot's own role or the booster role): Discord lets nobody give or take it.`,
        next: "Pick a role the server created.",
      };
    case "no_manage_roles":
      return {
        why: "octolink does not have the Manage Roles permission in this server.",
        next: "Give octolink's role Manage Roles in Server Settings → Roles, then try again.",
      };
    case "above_bot":
      return {
        why: `The role ${role} is not below octolink's highest role (${roleMention(block.botTop.id)}), and Discord lets a bot give only roles below its own.`,
        next: `Move octolink's role above ${role} in Server Settings → Roles, then try again.`,
      };
  }
}

export function roleBlockError(block: RoleBlock, roleId: string): UnmanageableRoleError {
  const { why, next } = describeRoleBlock(block, roleId);
  return new UnmanageableRoleError(why, next);
}
