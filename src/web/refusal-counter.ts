type MaybePromise<T> = T | Promise<T>;

/**
 * Counts refused sign-in requests per client key in a fixed window. The limiter sees only this
 * interface, so counters shared by several processes (in MongoDB) can replace the in-memory one.
 */
export interface RefusalCounter {
  /** Milliseconds until `key` may be answered again; 0 when it is under the limit. */
  blockedFor(key: string, now: number): MaybePromise<number>;
  /** Counts one refused request for `key`. */
  recordRefusal(key: string, now: number): MaybePromise<void>;
}

export interface MemoryCounterOptions {
  limit: number;
  windowMs: number;
  /** Most keys kept; past it the least recently refused key is dropped. */
  maxKeys: number;
}

interface Entry {
  key: string;
  startedAt: number;
  refused: number;
  touchedAt: number;
  older: Entry | null;
  newer: Entry | null;
}

/**
 * In-process counters in an LRU: a Map finds a key's entry, and a doubly linked list orders the
 * entries by last refusal, so moving one to the new end and dropping the oldest are O(1). (A
 * Map's own order will not do: V8 leaves deleted slots in place, and finding the first live key
 * after many deletions from the front walks all of them.) A timer drops ended windows from the
 * old end, so a flood of new keys costs each request what the first one cost.
 */
export function createMemoryRefusalCounter(opts: MemoryCounterOptions): RefusalCounter & { size(): number } {
  const entries = new Map<string, Entry>();
  let oldest: Entry | null = null;
  let newest: Entry | null = null;

  const unlink = (entry: Entry) => {
    if (entry.older) entry.older.newer = entry.newer;
    else oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else newest = entry.older;
    entry.older = entry.newer = null;
  };
  const append = (entry: Entry) => {
    entry.older = newest;
    if (newest) newest.newer = entry;
    else oldest = entry;
    newest = entry;
  };
  const remove = (entry: Entry) => {
    unlink(entry);
    entries.delete(entry.key);
  };
  const current = (key: string, now: number) => {
    const entry = entries.get(key);
    if (entry && now - entry.startedAt >= opts.windowMs) {
      remove(entry);
      return undefined;
    }
    return entry;
  };

  const sweep = setInterval(() => {
    const now = Date.now();
    // Ordered by last refusal, and a window starts no later than that: the rest are newer.
    while (oldest && now - oldest.touchedAt >= opts.windowMs) remove(oldest);
  }, opts.windowMs);
  sweep.unref();

  return {
    blockedFor(key, now) {
      const entry = current(key, now);
      return entry && entry.refused >= opts.limit ? entry.startedAt + opts.windowMs - now : 0;
    },
    recordRefusal(key, now) {
      let entry = current(key, now);
      if (entry) unlink(entry);
      else {
        entry = { key, startedAt: now, refused: 0, touchedAt: now, older: null, newer: null };
        entries.set(key, entry);
      }
      entry.refused += 1;
      entry.touchedAt = now;
      append(entry);
      if (entries.size > opts.maxKeys && oldest) remove(oldest);
    },
    size: () => entries.size,
  };
}
