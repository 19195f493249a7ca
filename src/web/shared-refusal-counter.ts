import type { RefusalCounter } from "./refusal-counter.ts";

/** Adds `hits` to `key`'s shared fixed window; resolves to the window's total over every replica. */
export type AddSharedHits = (
  key: string,
  window: { startedAt: number; ms: number },
  hits: number,
) => Promise<number>;

// A burst of refusals from one address becomes one write.
const SHARE_DELAY_MS = 100;

/**
 * This replica's own counter, plus a count in MongoDB that every web replica adds its refusals
 * to, after the answer is sent (a request that succeeds costs no round trip). An address whose
 * shared total reached the limit is refused here too until that window ends, so one spreading
 * its guesses over N replicas is held to the limit, give or take the last tenth of a second.
 * MongoDB away: the local counter still holds.
 */
export function createSharedRefusalCounter(opts: {
  local: RefusalCounter;
  limit: number;
  windowMs: number;
  addSharedHits: AddSharedHits;
}): RefusalCounter {
  const blockedUntil = new Map<string, number>();
  const unshared = new Map<string, { windowStart: number; hits: number }>();
  let flushing: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    const batch = [...unshared];
    unshared.clear();
    flushing = undefined;
    const now = Date.now();
    for (const [key, until] of blockedUntil) if (until <= now) blockedUntil.delete(key);
    await Promise.all(
      batch.map(async ([key, { windowStart, hits }]) => {
        const total = await opts
          .addSharedHits(key, { startedAt: windowStart, ms: opts.windowMs }, hits)
          .catch(() => 0);
        if (total >= opts.limit) blockedUntil.set(key, windowStart + opts.windowMs);
      }),
    );
  }

  return {
    async blockedFor(key, now) {
      const shared = (blockedUntil.get(key) ?? 0) - now;
      return Math.max(shared, await opts.local.blockedFor(key, now), 0);
    },
    async recordRefusal(key, now) {
      await opts.local.recordRefusal(key, now);
      const windowStart = now - (now % opts.windowMs);
      const pending = unshared.get(key);
      if (pending && pending.windowStart === windowStart) pending.hits += 1;
      else unshared.set(key, { windowStart, hits: 1 });
      flushing ??= setTimeout(() => void flush(), SHARE_DELAY_MS).unref();
    },
  };
}
