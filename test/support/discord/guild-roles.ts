import type { APIRole, RoleFlags } from "discord-api-types/v10";
import { generateSnowflake } from "./snowflakes.ts";

// Discord's permission bits the role routes look at.
export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_ROLES = 1n << 28n;

// Where the bot's own role sits in every guild; roles added by tests go below it unless told.
export const BOT_ROLE_POSITION = 10;

export interface NewRole {
  name: string;
  /** Higher is more powerful; a role at or above the bot's highest cannot be managed by it. */
  position?: number;
  /** An integration's role (a bot's, a booster's): nobody can add or remove it. */
  managed?: boolean;
  permissions?: bigint;
}

export function buildRole(role: NewRole & { id?: string }): APIRole {
  return {
    id: role.id ?? generateSnowflake(),
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position ?? 1,
    permissions: String(role.permissions ?? 0n),
    managed: role.managed ?? false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

/** The role Discord creates when the bot joins: managed by the integration, with Manage Roles. */
export const buildBotRole = (botId: string): APIRole => ({
  ...buildRole({ name: "octolink", position: BOT_ROLE_POSITION, managed: true, permissions: MANAGE_ROLES }),
  tags: { bot_id: botId },
});

/**
 * Discord's rule for changing a member's role: the bot needs Manage Roles (or Administrator),
 * and the role must sit below the bot's highest role and not belong to an integration.
 */
export function botMayManage(
  guild: { id: string; roles: readonly APIRole[] },
  botRoleIds: readonly string[],
  role: APIRole,
): boolean {
  // Everyone has @everyone, whose id is the guild's.
  const mine = guild.roles.filter((r) => botRoleIds.includes(r.id) || r.id === guild.id);
  const permissions = mine.reduce((bits, r) => bits | BigInt(r.permissions), 0n);
  if ((permissions & (ADMINISTRATOR | MANAGE_ROLES)) === 0n) return false;
  const highest = Math.max(...mine.map((r) => r.position));
  return !role.managed && role.position < highest;
}
