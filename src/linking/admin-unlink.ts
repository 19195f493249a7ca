import { adminUnlinkDm } from "../discord/admin-unlink-dm.ts";
import { NotGuildMemberError } from "../errors/index.ts";
import type { LinkingDeps } from "./deps.ts";
import { type UnlinkResult, unlinkMember } from "./unlink.ts";

export interface AdminUnlinkParams {
  guildId: string;
  guildName: string;
  actorId: string;
  discordId: string;
  reason: string | null;
}

/**
 * `/link-admin unlink`: a moderator removes a member's link (and octolink's access at GitHub)
 * and the member is told why by DM. Only members of the moderator's own server.
 */
export async function adminUnlinkMember(
  deps: LinkingDeps,
  params: AdminUnlinkParams,
): Promise<UnlinkResult & { dmSent: boolean }> {
  if (!(await deps.discord.isGuildMember(params.guildId, params.discordId))) throw new NotGuildMemberError();
  const result = await unlinkMember(deps, params.discordId, {
    cause: {
      action: "admin_unlink",
      actorId: params.actorId,
      guildId: params.guildId,
      detail: params.reason,
    },
  });
  if (!result.removed) return { ...result, dmSent: false };
  const dmSent = await deps.discord.sendDirectMessage(params.discordId, {
    embeds: [adminUnlinkDm({ ...params, githubLogin: result.removed.login })],
  });
  return { ...result, dmSent };
}
