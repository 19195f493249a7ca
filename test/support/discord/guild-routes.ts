import { unknownGuild, unknownMember } from "./discord-errors.ts";
import { buildMember } from "./fixtures.ts";
import type { RouteDefinition } from "./router.ts";
import type { StandInState } from "./state.ts";

// GET /guilds/{guild.id}/members/{user.id}: the member, or 10007 Unknown Member for a user outside the guild.
export function createGuildRoutes(state: StandInState): RouteDefinition[] {
  return [
    {
      method: "GET",
      pattern: "/guilds/:guildId/members/:userId",
      auth: "bot",
      majorParameters: ["guildId"],
      handle: ({ params }) => {
        if (params.guildId !== state.guild.id) return unknownGuild();
        const user = state.users.get(params.userId ?? "");
        if (!user || !state.guildMembers.has(user.id)) return unknownMember();
        return { status: 200, body: buildMember(user, state.guild.createdAt) };
      },
    },
  ];
}
