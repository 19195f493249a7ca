import { type APIRole, PermissionFlagsBits } from "discord.js";

/** Why octolink could never give or take a role, or null when it can. */
export type RoleBlock =
  | { reason: "everyone" }
  | { reason: "managed" }
  | { reason: "no_manage_roles" }
  | { reason: "above_bot"; botTop: APIRole };

/**
 * Discord's rule: a bot changes a member's role only with Manage Roles (or Administrator),
 * below its own highest role, and never @everyone or a role an integration manages.
 */
export function findRoleBlock(
  guild: { id: string; roles: readonly APIRole[] },
  botRoleIds: readonly string[],
  role: APIRole,
): RoleBlock | null {
  if (role.id === guild.id) return { reason: "everyone" };
  if (role.managed) return { reason: "managed" };
  const mine = guild.roles.filter((r) => r.id === guild.id || botRoleIds.includes(r.id));
  const permissions = mine.reduce((bits, r) => bits | BigInt(r.permissions), 0n);
  if ((permissions & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageRoles)) === 0n)
    return { reason: "no_manage_roles" };
  const botTop = mine.reduce((top, r) => (outranks(r, top) ? r : top));
  return outranks(role, botTop) || role.id === botTop.id ? { reason: "above_bot", botTop } : null;
}

// Discord orders equal positions by id: the older (smaller) role is lower.
const outranks = (a: APIRole, b: APIRole) =>
  a.position > b.position || (a.position === b.position && BigInt(a.id) > BigInt(b.id));
