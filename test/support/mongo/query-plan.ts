import type { Document } from "bson";
import type { Collection } from "./collection.ts";
import { canonicalKey } from "./index-key.ts";
import type { IndexKeys } from "./unique-index.ts";

/**
 * Narrows a filter to the documents it can match: equality on `_id` or on every field of an
 * index becomes a map lookup, so point reads stay O(1) as collections grow. The full filter is
 * still applied to whatever this returns.
 */
export function selectCandidates(collection: Collection, filter: Document = {}): Iterable<Document> {
  const idKeys = findIdKeys(collection, filter);
  if (!idKeys) return collection.documents();
  const docs: Document[] = [];
  for (const idKey of new Set(idKeys)) {
    const doc = collection.getByIdKey(idKey);
    if (doc) docs.push(doc);
  }
  return docs;
}

function findIdKeys(collection: Collection, filter: Document): string[] | undefined {
  const ids = readEqualityValues(filter, "_id");
  if (ids) return ids.map(canonicalKey);
  for (const index of collection.indexes.uniqueIndexes()) {
    const keys = lookupKeys(index, filter);
    if (keys) return keys.flatMap((key) => index.entries.get(key) ?? []);
  }
  for (const index of collection.indexes.secondaryIndexes()) {
    const keys = lookupKeys(index, filter);
    // As many matches as the key holds, in the order a collection scan would have met them.
    if (keys) return collection.inNaturalOrder(keys.flatMap((key) => [...(index.entries.get(key) ?? [])]));
  }
  return findOrKeys(collection, filter);
}

/** `$or` of clauses that each name indexed documents (as mongod's index union): their union. */
function findOrKeys(collection: Collection, filter: Document): string[] | undefined {
  const clauses = filter.$or;
  if (!Array.isArray(clauses) || clauses.length === 0) return undefined;
  const union: string[] = [];
  for (const clause of clauses) {
    const keys = findIdKeys(collection, clause as Document);
    if (!keys) return undefined;
    union.push(...keys);
  }
  return union;
}

/**
 * The documents a filter with an equality on a compound index's first field can match, in the
 * order of `sort` when it names the index's other fields (a prefix of them, each forward or
 * each reversed): a caller that needs the first few matches stops early instead of sorting.
 * Undefined when no index serves that; the full filter is still to be applied.
 */
export function selectInOrder(
  collection: Collection,
  filter: Document,
  sort: Document,
): Iterable<Document> | undefined {
  const sortFields = Object.keys(sort);
  for (const index of collection.indexes.secondaryIndexes()) {
    const ordered = index.ordered;
    if (!ordered || ordered.unorderable || index.isPartial || index.multikey || index.isSparse) continue;
    const [first, ...rest] = index.fields;
    if (sortFields.length === 0 || sortFields.length > rest.length) continue;
    if (sortFields.some((field, i) => field !== rest[i])) continue;
    const signs = sortFields.map(
      (field, i) => (Number(sort[field]) < 0 ? -1 : 1) * (ordered.directions[i] ?? 1),
    );
    if (!signs.every((sign) => sign === signs[0])) continue;
    const values = first === undefined ? undefined : readEqualityValues(filter, first);
    if (values?.length !== 1) continue;
    const list = ordered.list(canonicalKey(values[0]));
    return readEntries(collection, list, signs[0] === -1);
  }
  return undefined;
}

function* readEntries(
  collection: Collection,
  list: readonly { idKey: string }[],
  reversed: boolean,
): Iterable<Document> {
  for (let i = 0; i < list.length; i++) {
    const entry = list[reversed ? list.length - 1 - i : i] as { idKey: string };
    const doc = collection.getByIdKey(entry.idKey);
    if (doc) yield doc;
  }
}

/** The index keys a filter's equalities name, when they name one for every field of the index. */
function lookupKeys(index: IndexKeys, filter: Document): string[] | undefined {
  if (index.isPartial || index.multikey) return undefined;
  const perField = index.fields.map((field) => readEqualityValues(filter, field));
  if (perField.some((values) => values === undefined)) return undefined;
  const tuples = expandSingle(perField as unknown[][]);
  if (!tuples) return undefined;
  // A sparse index holds no entry for documents missing the field, which `null` matches.
  if (index.isSparse && tuples.some((tuple) => tuple.some((v) => v === null))) return undefined;
  return tuples.map(canonicalKey);
}

/** `$in` lists are expanded only for single-field lookups, to keep the cross product trivial. */
function expandSingle(perField: unknown[][]): unknown[][] | undefined {
  if (perField.length === 1) return (perField[0] as unknown[]).map((value) => [value]);
  if (perField.every((values) => values.length === 1)) return [perField.map((values) => values[0])];
  return undefined;
}

function readEqualityValues(filter: Document, field: string): unknown[] | undefined {
  if (!Object.hasOwn(filter, field)) return undefined;
  const condition = filter[field];
  if (!isOperatorObject(condition)) return isExactValue(condition) ? [condition] : undefined;
  const operators = Object.keys(condition);
  if (operators.length !== 1) return undefined;
  if (operators[0] === "$eq") return isExactValue(condition.$eq) ? [condition.$eq] : undefined;
  const list = condition.$in;
  if (operators[0] === "$in" && Array.isArray(list) && list.every(isExactValue)) return list;
  return undefined;
}

export function isOperatorObject(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if ((value as { _bsontype?: string })._bsontype !== undefined || value instanceof Date) {
    return false;
  }
  return Object.keys(value).some((key) => key.startsWith("$"));
}

// Arrays and regexes match elements or patterns rather than the value itself.
function isExactValue(value: unknown): boolean {
  if (Array.isArray(value) || value instanceof RegExp) return false;
  const type = (value as { _bsontype?: string } | null)?._bsontype;
  return type !== "BSONRegExp" && !isOperatorObject(value);
}
