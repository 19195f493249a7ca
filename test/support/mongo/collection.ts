import type { Document } from "bson";
import { createDuplicateKeyError } from "./duplicate-key.ts";
import { CommandError } from "./errors.ts";
import { canonicalKey } from "./index-key.ts";
import { IndexManager } from "./index-manager.ts";

/**
 * Documents keyed by canonical `_id` (insertion order is the natural order). Stored documents
 * are never mutated: updates swap in a new object, so open cursors keep a stable snapshot.
 */
export class Collection {
  readonly indexes: IndexManager;
  readonly #docs = new Map<string, Document>();
  /** Each document's place in the natural order, for putting index matches back in it. */
  readonly #positions = new Map<string, number>();
  #inserted = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
  ) {
    this.indexes = new IndexManager(this.ns, (idKey) => this.#positions.get(idKey) ?? 0);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.#docs.size;
  }

  documents(): IterableIterator<Document> {
    return this.#docs.values();
  }

  entries(): IterableIterator<[string, Document]> {
    return this.#docs.entries();
  }

  getById(id: unknown): Document | undefined {
    return this.#docs.get(canonicalKey(id));
  }

  getByIdKey(idKey: string): Document | undefined {
    return this.#docs.get(idKey);
  }

  /** Canonical `_id`s sorted into natural (insertion) order. */
  inNaturalOrder(idKeys: Iterable<string>): string[] {
    const position = (idKey: string) => this.#positions.get(idKey) ?? 0;
    return [...idKeys].sort((a, b) => position(a) - position(b));
  }

  insert(doc: Document): void {
    if (Array.isArray(doc._id)) {
      throw new CommandError(2, "BadValue", "can't use an array for _id");
    }
    const idKey = canonicalKey(doc._id);
    if (this.#docs.has(idKey)) {
      throw createDuplicateKeyError(this.ns, "_id_", { _id: 1 }, [doc._id]);
    }
    const planned = this.indexes.planKeys(doc, idKey);
    this.#docs.set(idKey, doc);
    this.#positions.set(idKey, this.#inserted++);
    this.indexes.addKeys(planned, doc, idKey);
  }

  /** Swaps `current` for `next` (same `_id`), checking unique indexes before touching state. */
  replace(current: Document, next: Document): void {
    const idKey = canonicalKey(current._id);
    const planned = this.indexes.planKeys(next, idKey);
    this.indexes.removeKeys(current, idKey);
    this.#docs.set(idKey, next);
    this.indexes.addKeys(planned, next, idKey);
  }

  remove(doc: Document): boolean {
    const idKey = canonicalKey(doc._id);
    const stored = this.#docs.get(idKey);
    if (!stored) return false;
    // Keys first: an ordered index finds a document's entry by its position.
    this.indexes.removeKeys(stored, idKey);
    this.#docs.delete(idKey);
    this.#positions.delete(idKey);
    return true;
  }
}
