import type { Document } from "bson";
import { Query } from "mingo";
import { canonicalKey, collectPathValues } from "./index-key.ts";

export interface IndexSpec extends Document {
  v: number;
  key: Document;
  name: string;
}

export interface IndexKey {
  key: string;
  values: unknown[];
}

/** What every index knows: its fields, options, and the keys it gives a document. */
export class IndexKeys {
  /** Set once an array value was indexed; equality lookups are then no longer exact. */
  multikey = false;
  readonly #fields: string[];
  readonly #partial: Query | undefined;

  constructor(readonly spec: IndexSpec) {
    this.#fields = Object.keys(spec.key);
    const partial = spec.partialFilterExpression as Document | undefined;
    this.#partial = partial ? new Query(partial) : undefined;
  }

  get isPartial(): boolean {
    return this.#partial !== undefined;
  }

  get isSparse(): boolean {
    return this.spec.sparse === true;
  }

  get fields(): string[] {
    return this.#fields;
  }

  /** The index keys of a document; none when a sparse or partial index leaves it out. */
  keysOf(doc: Document): IndexKey[] {
    if (this.#partial && !this.#partial.test(doc)) return [];
    const perField = this.#fields.map((field) => collectPathValues(doc, field));
    if (this.isSparse && perField.every((p) => p.values.every((v) => v === undefined))) return [];
    if (perField.some((p) => p.array)) this.multikey = true;
    const keys = new Map<string, unknown[]>();
    for (const values of expandTuples(perField.map((p) => p.values))) {
      keys.set(canonicalKey(values), values);
    }
    return [...keys].map(([key, values]) => ({ key, values }));
  }
}

function expandTuples(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>(
    (tuples, list) => tuples.flatMap((tuple) => list.map((value) => [...tuple, value])),
    [[]],
  );
}

/**
 * A unique index as a map from canonical key to canonical `_id`, so a duplicate check costs
 * one lookup however many documents the collection holds.
 */
export class UniqueIndex extends IndexKeys {
  readonly entries = new Map<string, string>();
}
