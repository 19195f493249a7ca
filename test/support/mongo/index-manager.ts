import type { Document } from "bson";
import { createDuplicateKeyError } from "./duplicate-key.ts";
import { CommandError } from "./errors.ts";
import { canonicalKey } from "./index-key.ts";
import { SecondaryIndex } from "./secondary-index.ts";
import { type IndexKey, type IndexSpec, UniqueIndex } from "./unique-index.ts";

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: "_id_" };
const OPTION_FIELDS = ["unique", "sparse", "partialFilterExpression", "expireAfterSeconds"];

type PlannedKeys = [UniqueIndex, IndexKey[]][];

/** The index catalogue of one collection and the key maps of its other indexes. */
export class IndexManager {
  readonly #specs = new Map<string, IndexSpec>([[ID_INDEX.name, ID_INDEX]]);
  readonly #unique = new Map<string, UniqueIndex>();
  readonly #secondary = new Map<string, SecondaryIndex>();

  /** `positionOf` gives a document's place in natural order: an ordered index breaks ties with it. */
  constructor(
    readonly ns: string,
    private readonly positionOf: (idKey: string) => number,
  ) {}

  list(): IndexSpec[] {
    return [...this.#specs.values()];
  }

  uniqueIndexes(): Iterable<UniqueIndex> {
    return this.#unique.values();
  }

  secondaryIndexes(): Iterable<SecondaryIndex> {
    return this.#secondary.values();
  }

  ttlIndexes(): IndexSpec[] {
    return this.list().filter((spec) => typeof spec.expireAfterSeconds === "number");
  }

  /** Adds an index, building its keys from `docs`; false when an identical one exists. */
  create(spec: IndexSpec, docs: Iterable<[string, Document]>): boolean {
    const existing = this.#specs.get(spec.name);
    if (existing) {
      if (describeIndex(existing) === describeIndex(spec)) return false;
      throw new CommandError(
        86,
        "IndexKeySpecsConflict",
        `An existing index has the same name as the requested index: ${spec.name}`,
      );
    }
    const sameKey = this.list().find((s) => canonicalKey(s.key) === canonicalKey(spec.key));
    if (
      sameKey &&
      canonicalKey(sameKey.partialFilterExpression) === canonicalKey(spec.partialFilterExpression)
    ) {
      throw new CommandError(
        85,
        "IndexOptionsConflict",
        `Index already exists with a different name: ${sameKey.name}`,
      );
    }
    if (spec.unique === true) this.#buildUnique(spec, docs);
    else this.#buildSecondary(spec, docs);
    this.#specs.set(spec.name, spec);
    return true;
  }

  drop(name: string): void {
    if (name === ID_INDEX.name) {
      throw new CommandError(72, "InvalidOptions", "cannot drop _id index");
    }
    if (!this.#specs.delete(name)) {
      throw new CommandError(27, "IndexNotFound", `index not found with name [${name}]`);
    }
    this.#unique.delete(name);
    this.#secondary.delete(name);
  }

  findNameByKey(key: Document): string {
    const spec = this.list().find((s) => canonicalKey(s.key) === canonicalKey(key));
    if (!spec) {
      throw new CommandError(27, "IndexNotFound", `can't find index with key: ${JSON.stringify(key)}`);
    }
    return spec.name;
  }

  /** Computes a document's unique keys, failing with E11000 if another document holds one. */
  planKeys(doc: Document, idKey: string): PlannedKeys {
    const planned: PlannedKeys = [];
    for (const index of this.#unique.values()) {
      const keys = index.keysOf(doc);
      for (const { key, values } of keys) {
        const owner = index.entries.get(key);
        if (owner !== undefined && owner !== idKey) {
          throw createDuplicateKeyError(this.ns, index.spec.name, index.spec.key, values);
        }
      }
      planned.push([index, keys]);
    }
    return planned;
  }

  /** Adds the planned unique keys, and `doc`'s keys in the non-unique indexes. */
  addKeys(planned: PlannedKeys, doc: Document, idKey: string): void {
    for (const [index, keys] of planned) {
      for (const { key } of keys) index.entries.set(key, idKey);
    }
    for (const index of this.#secondary.values()) {
      for (const key of index.keysOf(doc)) index.add(key, idKey, this.positionOf(idKey));
    }
  }

  removeKeys(doc: Document, idKey: string): void {
    for (const index of this.#unique.values()) {
      for (const { key } of index.keysOf(doc)) {
        if (index.entries.get(key) === idKey) index.entries.delete(key);
      }
    }
    for (const index of this.#secondary.values()) {
      for (const key of index.keysOf(doc)) index.delete(key, idKey, this.positionOf(idKey));
    }
  }

  #buildUnique(spec: IndexSpec, docs: Iterable<[string, Document]>): void {
    const index = new UniqueIndex(spec);
    for (const [idKey, doc] of docs) {
      for (const { key, values } of index.keysOf(doc)) {
        const owner = index.entries.get(key);
        if (owner !== undefined && owner !== idKey) {
          throw createDuplicateKeyError(this.ns, spec.name, spec.key, values);
        }
        index.entries.set(key, idKey);
      }
    }
    this.#unique.set(spec.name, index);
  }

  #buildSecondary(spec: IndexSpec, docs: Iterable<[string, Document]>): void {
    const index = new SecondaryIndex(spec);
    for (const [idKey, doc] of docs) {
      for (const key of index.keysOf(doc)) index.add(key, idKey, this.positionOf(idKey));
    }
    this.#secondary.set(spec.name, index);
  }
}

function describeIndex(spec: IndexSpec): string {
  const options = OPTION_FIELDS.map((field) => [field, spec[field] ?? null]);
  return canonicalKey([spec.key, Object.fromEntries(options)]);
}
