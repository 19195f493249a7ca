import { IndexKeys } from "./unique-index.ts";

/**
 * A non-unique index as a map from canonical key to the canonical `_id`s holding it, so an
 * equality lookup (`link_states` by `discordId`, say) reads its matches, not the collection.
 */
export class SecondaryIndex extends IndexKeys {
  readonly entries = new Map<string, Set<string>>();

  add(key: string, idKey: string): void {
    const ids = this.entries.get(key);
    if (ids) ids.add(idKey);
    else this.entries.set(key, new Set([idKey]));
  }

  delete(key: string, idKey: string): void {
    const ids = this.entries.get(key);
    if (!ids?.delete(idKey)) return;
    if (ids.size === 0) this.entries.delete(key);
  }
}
