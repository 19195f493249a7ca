import { sealToken } from "../../crypto/index.ts";
import { isRoleSyncOpen } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";

/**
 * `/link-roles sync`: queues the server's sync for a worker, which edits the moderator's
 * deferred reply when it is done. False when a sync of the server is already under way.
 */
export async function requestRoleSync(
  deps: LinkingDeps,
  params: { guildId: string; actorId: string; interactionId: string; interactionToken: string },
): Promise<boolean> {
  if (await isRoleSyncOpen(deps.storage, params.guildId)) return false;
  await deps.roleQueue.syncGuild(
    {
      guildId: params.guildId,
      actorId: params.actorId,
      sealedInteractionToken: sealToken(deps.config.tokenKeys, params.actorId, params.interactionToken),
    },
    `role_sync:${params.guildId}:${params.interactionId}`,
  );
  return true;
}
