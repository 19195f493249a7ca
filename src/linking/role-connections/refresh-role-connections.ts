import { countHit, streamDiscordTokenHolders } from "../../storage/index.ts";
import type { LinkingDeps } from "../deps.ts";
import { pushRoleConnection } from "./push-role-connection.ts";

export interface RefreshCount {
  pushed: number;
  skipped: number;
  failed: number;
}

// A few members at a time: each push is one GitHub and one Discord call with the member's own tokens.
const CONCURRENCY = 4;

/**
 * Re-pushes every member who has a stored Discord token, streaming them from MongoDB with a
 * cursor (never all in memory). One member's failure is logged and the run goes on.
 */
export async function refreshRoleConnections(deps: LinkingDeps): Promise<RefreshCount> {
  const count: RefreshCount = { pushed: 0, skipped: 0, failed: 0 };
  const running = new Set<Promise<void>>();
  for await (const discordId of streamDiscordTokenHolders(deps.storage)) {
    const task = pushRoleConnection(deps, discordId).then(
      (outcome) => {
        count[outcome.pushed ? "pushed" : "skipped"] += 1;
      },
      (err) => {
        count.failed += 1;
        deps.log.warn({ err, discordId }, "could not refresh a member's Linked Roles connection");
      },
    );
    running.add(task);
    void task.finally(() => running.delete(task));
    if (running.size >= CONCURRENCY) await Promise.race(running);
  }
  await Promise.all(running);
  deps.log.info(count, "refreshed Linked Roles connections");
  return count;
}

/**
 * Runs the refresh every `intervalMs` from a worker. Of several workers, only the first to
 * count a window runs it (the count lives in MongoDB), so members are pushed once per interval.
 */
export function scheduleRoleConnectionRefresh(deps: LinkingDeps, intervalMs: number): { stop(): void } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const window = await countHit(deps.storage, "role-connection-refresh", intervalMs);
    if (window.count === 1) await refreshRoleConnections(deps);
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch((err) => deps.log.warn({ err }, "the Linked Roles refresh failed"));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
