import type { APIRole } from "discord-api-types/v10";
import type { GuildWorld } from "./fixtures.ts";
import { buildRole, type NewRole } from "./guild-roles.ts";
import type { StandInState } from "./state.ts";
import type { DiscordStandIn } from "./types.ts";

type GuildControls = Pick<
  DiscordStandIn,
  | "leaveGuild"
  | "joinGuild"
  | "addRole"
  | "updateRole"
  | "giveRole"
  | "memberRoles"
  | "roleChanges"
  | "botRoleId"
>;

/** What a test does in a guild as its members and moderators would: join, leave, make and move roles. */
export function createGuildControls(state: StandInState): GuildControls {
  const guildOf = (guildId = state.guild.id): GuildWorld => {
    const guild = state.guilds.get(guildId);
    if (!guild) throw new Error(`discord stand-in: the bot is not in guild ${guildId}; call addGuild first`);
    return guild;
  };
  const roleOf = (guild: GuildWorld, roleId: string): APIRole => {
    const role = guild.roles.find((r) => r.id === roleId);
    if (!role) throw new Error(`discord stand-in: no role ${roleId} in guild ${guild.id}`);
    return role;
  };
  return {
    leaveGuild(userId, guildId) {
      guildOf(guildId).members.delete(userId);
    },
    joinGuild(userId, guildId) {
      const guild = guildOf(guildId);
      if (!guild.members.has(userId)) guild.members.set(userId, []);
    },
    addRole(role, guildId) {
      const created = buildRole(role);
      guildOf(guildId).roles.push(created);
      return created.id;
    },
    updateRole(roleId, patch, guildId) {
      const guild = guildOf(guildId);
      const role = roleOf(guild, roleId);
      const { name, position, managed, permissions } = buildRole({ ...toNewRole(role), ...patch });
      guild.roles = guild.roles.map((r) =>
        r.id === roleId ? { ...r, name, position, managed, permissions } : r,
      );
    },
    giveRole(userId, roleId, guildId) {
      const guild = guildOf(guildId);
      roleOf(guild, roleId);
      const roles = guild.members.get(userId);
      if (!roles) throw new Error(`discord stand-in: ${userId} is not a member of guild ${guild.id}`);
      if (!roles.includes(roleId)) roles.push(roleId);
    },
    memberRoles: (userId, guildId) => {
      const roles = guildOf(guildId).members.get(userId);
      return roles ? [...roles] : undefined;
    },
    roleChanges: () => [...state.roleChanges],
    botRoleId: (guildId) => guildOf(guildId).members.get(state.botUser.id)?.[0] ?? "",
  };
}

const toNewRole = (role: APIRole): NewRole => ({
  name: role.name,
  position: role.position,
  managed: role.managed,
  permissions: BigInt(role.permissions),
});
