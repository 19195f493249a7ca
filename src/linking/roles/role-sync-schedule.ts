import { randomUUID } from "node:crypto";
import { claimScheduledRun, listGuildsWithRules } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";

const SCHEDULE = "role_sync";
// How often a worker asks whether the sync is due; any worker may win it, only one does.
const MAX_TICK_MS = 60_000;

export interface RoleSyncSchedule {
  stop(): void;
}

/**
 * Every `intervalMs`, one worker (the one whose claim in MongoDB moves the next run on) writes
 * a `role_sync` job per server with rules; the outbox's leases then make sure each runs once.
 */
export function startRoleSyncSchedule(deps: LinkingDeps, intervalMs: number): RoleSyncSchedule {
  const owner = randomUUID();
  const tick = async () => {
    const now = new Date();
    if (!(await claimScheduledRun(deps.storage, SCHEDULE, intervalMs, owner, now))) return;
    const guildIds = await listGuildsWithRules(deps.storage);
    for (const guildId of guildIds)
      await deps.roleQueue.syncGuild(
        { guildId, actorId: null, sealedInteractionToken: null },
        `role_sync:${guildId}:scheduled:${now.getTime()}`,
      );
    deps.log.info({ servers: guildIds.length }, "scheduled role sync started");
  };
  const timer = setInterval(
    () => tick().catch((err) => deps.log.warn({ err }, "could not start the scheduled role sync")),
    Math.min(MAX_TICK_MS, intervalMs),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
