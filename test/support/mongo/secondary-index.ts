import { canonicalKey } from "./index-key.ts";
import { OrderedEntries } from "./ordered-entries.ts";
import { type IndexKey, IndexKeys, type IndexSpec } from "./unique-index.ts";

/**
 * A non-unique index as a map from canonical key to the canonical `_id`s holding it, so an
 * equality lookup (`link_states` by `discordId`, say) reads its matches, not the collection.
 * A compound one also keeps its documents in index order under each value of its first field.
 */
export class SecondaryIndex extends IndexKeys {
  readonly entries = new Map<string, Set<string>>();
  readonly ordered: OrderedEntries | undefined;

  constructor(spec: IndexSpec) {
    super(spec);
    const directions = Object.values(spec.key).map((d) => (Number(d) < 0 ? -1 : 1));
    this.ordered = directions.length > 1 ? new OrderedEntries(directions.slice(1)) : undefined;
  }

  add({ key, values }: IndexKey, idKey: string, position: number): void {
    const ids = this.entries.get(key);
    if (ids) ids.add(idKey);
    else this.entries.set(key, new Set([idKey]));
    this.ordered?.add(canonicalKey(values[0]), { values: values.slice(1), idKey, position });
  }

  delete({ key, values }: IndexKey, idKey: string, position: number): void {
    const ids = this.entries.get(key);
    if (!ids?.delete(idKey)) return;
    if (ids.size === 0) this.entries.delete(key);
    this.ordered?.delete(canonicalKey(values[0]), { values: values.slice(1), idKey, position });
  }
}
