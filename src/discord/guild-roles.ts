import {
  type APIGuildMember,
  type APIRole,
  DiscordAPIError,
  type REST,
  RESTJSONErrorCodes,
  Routes,
} from "discord.js";

/** How a role change ended; anything but "done" is the server's setup or the member leaving. */
export type RoleChangeOutcome = "done" | "missing_permissions" | "not_member" | "unknown_role";

/** The Discord REST calls role rules need, through the bot's rate-limited REST client. */
export interface GuildRoles {
  listRoles(guildId: string): Promise<APIRole[]>;
  /** The member's role ids, or null when the user is not a member of the server (10007). */
  fetchMemberRoles(guildId: string, userId: string): Promise<string[] | null>;
  addMemberRole(change: RoleChange): Promise<RoleChangeOutcome>;
  removeMemberRole(change: RoleChange): Promise<RoleChangeOutcome>;
}

export interface RoleChange {
  guildId: string;
  userId: string;
  roleId: string;
  /** Shown in the server's audit log (X-Audit-Log-Reason). */
  reason: string;
}

const OUTCOMES: Partial<Record<number, RoleChangeOutcome>> = {
  [RESTJSONErrorCodes.MissingPermissions]: "missing_permissions",
  [RESTJSONErrorCodes.UnknownMember]: "not_member",
  [RESTJSONErrorCodes.UnknownUser]: "not_member",
  [RESTJSONErrorCodes.UnknownRole]: "unknown_role",
};

const codeOf = (err: unknown) => (err instanceof DiscordAPIError ? Number(err.code) : -1);

/** Through a REST client whose role traffic is paced (see paced-requests.ts). */
export function createGuildRoles(deps: { rest: REST }): GuildRoles {
  async function change(method: "put" | "delete", c: RoleChange): Promise<RoleChangeOutcome> {
    try {
      await deps.rest[method](Routes.guildMemberRole(c.guildId, c.userId, c.roleId), { reason: c.reason });
      return "done";
    } catch (err) {
      const outcome = OUTCOMES[codeOf(err)];
      if (outcome) return outcome;
      throw err;
    }
  }

  return {
    async listRoles(guildId) {
      return (await deps.rest.get(Routes.guildRoles(guildId))) as APIRole[];
    },
    async fetchMemberRoles(guildId, userId) {
      try {
        const member = (await deps.rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember;
        return member.roles;
      } catch (err) {
        if (OUTCOMES[codeOf(err)] === "not_member") return null;
        throw err;
      }
    },
    addMemberRole: (c) => change("put", c),
    removeMemberRole: (c) => change("delete", c),
  };
}
