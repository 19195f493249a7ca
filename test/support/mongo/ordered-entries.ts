import { compareBson, isOrderable } from "./bson-order.ts";

export interface OrderedEntry {
  /** The index fields after the first, in index order. */
  values: unknown[];
  idKey: string;
  /** Place in the collection's natural order: ties keep it, as mongod's record ids do. */
  position: number;
}

/**
 * A compound index's documents per value of its first field, each list kept sorted by the other
 * fields (with `directions`), so an equality on the first field and a sort on the rest reads
 * the documents in order and stops at the first match: how a claim from a queue stays cheap.
 */
export class OrderedEntries {
  readonly #lists = new Map<string, OrderedEntry[]>();
  /** Set once a value this server cannot order was indexed: the index then serves no ordered scan. */
  unorderable = false;

  constructor(readonly directions: number[]) {}

  list(firstKey: string): readonly OrderedEntry[] {
    return this.#lists.get(firstKey) ?? [];
  }

  add(firstKey: string, entry: OrderedEntry): void {
    if (!entry.values.every(isOrderable)) this.unorderable = true;
    const list = this.#lists.get(firstKey);
    if (!list) return void this.#lists.set(firstKey, [entry]);
    list.splice(this.#bound(list, entry, true), 0, entry);
  }

  delete(firstKey: string, entry: OrderedEntry): void {
    const list = this.#lists.get(firstKey);
    if (!list) return;
    for (let i = this.#bound(list, entry, false); i < list.length; i++) {
      const found = list[i] as OrderedEntry;
      if (found.idKey === entry.idKey) {
        list.splice(i, 1);
        break;
      }
      if (this.#compare(found, entry) > 0) break;
    }
    if (list.length === 0) this.#lists.delete(firstKey);
  }

  #compare(a: OrderedEntry, b: OrderedEntry): number {
    for (const [i, direction] of this.directions.entries()) {
      const order = compareBson(a.values[i], b.values[i]) * direction;
      if (order !== 0) return order;
    }
    return a.position - b.position;
  }

  /** First place whose entry sorts after `entry` (`after`) or not before it. */
  #bound(list: OrderedEntry[], entry: OrderedEntry, after: boolean): number {
    let [low, high] = [0, list.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      const order = this.#compare(list[mid] as OrderedEntry, entry);
      if (order < 0 || (after && order === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
