import { missingPermissions, replyError, unknownGuild, unknownMember } from "./discord-errors.ts";
import { buildMember, type GuildWorld } from "./fixtures.ts";
import { botMayManage } from "./guild-roles.ts";
import type { RestReply, RestRequest, RouteDefinition } from "./router.ts";
import type { StandInState } from "./state.ts";

const unknownRole = (): RestReply => replyError(404, 10011, "Unknown Role");

/**
 * A guild's members and roles: GET a member (10007 Unknown Member for a user outside the
 * guild), GET the roles, and PUT/DELETE a member's role, which Discord refuses with 50013 when
 * the role is at or above the bot's highest role, belongs to an integration, or the bot lacks
 * Manage Roles. Each change is recorded with its X-Audit-Log-Reason.
 */
export function createGuildRoutes(state: StandInState): RouteDefinition[] {
  const roleChange = (method: "PUT" | "DELETE"): RouteDefinition => ({
    method,
    pattern: "/guilds/:guildId/members/:userId/roles/:roleId",
    auth: "bot",
    majorParameters: ["guildId"],
    handle: (request) => changeRole(state, method, request),
  });
  return [
    {
      method: "GET",
      pattern: "/guilds/:guildId/members/:userId",
      auth: "bot",
      majorParameters: ["guildId"],
      handle: ({ params }) => {
        const guild = state.guilds.get(params.guildId ?? "");
        if (!guild) return unknownGuild();
        const user = state.users.get(params.userId ?? "");
        const roles = user && guild.members.get(user.id);
        if (!user || !roles) return unknownMember();
        return { status: 200, body: buildMember(user, guild.createdAt, roles) };
      },
    },
    {
      method: "GET",
      pattern: "/guilds/:guildId/roles",
      auth: "bot",
      majorParameters: ["guildId"],
      handle: ({ params }) => {
        const guild = state.guilds.get(params.guildId ?? "");
        return guild ? { status: 200, body: guild.roles } : unknownGuild();
      },
    },
    roleChange("PUT"),
    roleChange("DELETE"),
  ];
}

function changeRole(state: StandInState, method: "PUT" | "DELETE", request: RestRequest): RestReply {
  const { guildId = "", userId = "", roleId = "" } = request.params;
  const guild = state.guilds.get(guildId);
  if (!guild) return unknownGuild();
  const reply = applyRoleChange(state, guild, method, { userId, roleId });
  const reason = request.headers["x-audit-log-reason"];
  state.roleChanges.push({
    method,
    guildId,
    userId,
    roleId,
    // discord.js sends the reason URI-encoded, as Discord expects.
    reason: typeof reason === "string" ? decodeURIComponent(reason) : null,
    status: reply.status,
  });
  return reply;
}

function applyRoleChange(
  state: StandInState,
  guild: GuildWorld,
  method: "PUT" | "DELETE",
  change: { userId: string; roleId: string },
): RestReply {
  const role = guild.roles.find((r) => r.id === change.roleId && r.id !== guild.id);
  if (!role) return unknownRole();
  const roles = guild.members.get(change.userId);
  if (!roles) return unknownMember();
  if (!botMayManage(guild, guild.members.get(state.botUser.id) ?? [], role)) return missingPermissions();
  const kept = roles.filter((id) => id !== role.id);
  guild.members.set(change.userId, method === "PUT" ? [...kept, role.id] : kept);
  return { status: 204 };
}
