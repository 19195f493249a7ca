import { openToken } from "../../crypto/index.ts";
import type { DiscordDelivery } from "../../discord/notifier.ts";
import { describeSyncTally } from "../../discord/role-sync-message.ts";
import type { SyncTally } from "../../domain/index.ts";
import { listLogChannels, type RoleSyncJob } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { syncGuildRoles } from "./sync-guild-roles.ts";

export interface RoleSyncDeps {
  linking: LinkingDeps;
  delivery: DiscordDelivery;
}

/**
 * The `role_sync` job: syncs the server, then edits the moderator's deferred reply with the
 * result (a scheduled sync posts it to the server's log channel, if it has one).
 */
export async function runRoleSync(deps: RoleSyncDeps, job: RoleSyncJob): Promise<SyncTally> {
  const { linking } = deps;
  const tally = await syncGuildRoles(linking, { guildId: job.guildId, roles: linking.guildRoles });
  const content = describeSyncTally(tally);
  linking.log.info({ guildId: job.guildId, ...tally, scheduled: job.actorId === null }, "role sync finished");
  if (job.sealedInteractionToken && job.actorId) {
    const token = openToken(linking.config.tokenKeys, job.actorId, job.sealedInteractionToken);
    await deps.delivery.editReply(token, { content, components: [] });
    return tally;
  }
  const logChannel = (await listLogChannels(linking.storage, new Date())).find(
    (c) => c.guildId === job.guildId,
  );
  if (logChannel)
    await linking.discord.postChannelMessage(logChannel.channelId, {
      content: `Scheduled role sync. ${content}`,
    });
  return tally;
}
