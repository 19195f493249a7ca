import type { Document } from "bson";
import { Query } from "mingo";
import type { Collection } from "./collection.ts";
import { collectPathValues } from "./index-key.ts";
import type { Store } from "./store.ts";
import type { IndexSpec } from "./unique-index.ts";

/** mongod's TTL monitor runs every 60 s; tests shorten the interval instead of waiting. */
export function startTtlSweeper(store: Store, intervalMs: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      sweepExpired(store, Date.now());
    } catch {
      // A bad partial filter on one index must not take the server down; retry next tick.
    }
  }, intervalMs);
  timer.unref();
  return timer;
}

function sweepExpired(store: Store, now: number): number {
  let removed = 0;
  for (const collection of store.allCollections()) {
    for (const spec of collection.indexes.ttlIndexes()) {
      removed += removeExpired(collection, spec, now);
    }
  }
  return removed;
}

function removeExpired(collection: Collection, spec: IndexSpec, now: number): number {
  const fields = Object.keys(spec.key);
  if (fields.length !== 1) return 0;
  const cutoff = now - (spec.expireAfterSeconds as number) * 1000;
  const partial = spec.partialFilterExpression as Document | undefined;
  const filter = partial ? new Query(partial) : undefined;
  const expired = [...collection.documents()].filter((doc) => {
    if (filter && !filter.test(doc)) return false;
    // An array of dates expires with its earliest date, as in mongod.
    const times = collectPathValues(doc, fields[0] as string)
      .values.filter((value): value is Date => value instanceof Date)
      .map((date) => date.getTime());
    return times.length > 0 && Math.min(...times) <= cutoff;
  });
  for (const doc of expired) collection.remove(doc);
  return expired.length;
}
