import type { PostOutcome } from "../discord/directory.ts";
import { setLogChannel } from "../storage/index.ts";
import type { LinkingDeps } from "./deps.ts";

/**
 * `/link-admin log-channel`: stores the server's log channel (or clears it with null) and
 * tries a first post there, so the moderator learns at once when octolink may not post.
 */
export async function chooseLogChannel(
  deps: LinkingDeps,
  params: { guildId: string; channelId: string | null; actorId: string },
): Promise<PostOutcome | "cleared"> {
  await setLogChannel(deps.storage, params.guildId, params.channelId);
  deps.log.info({ guildId: params.guildId, channelId: params.channelId }, "log channel changed");
  if (!params.channelId) return "cleared";
  return deps.discord.postChannelMessage(params.channelId, {
    content: `octolink will post every GitHub link change of this server's members here (set by <@${params.actorId}>).`,
  });
}
