import type { Document } from "bson";
import type { Collection } from "./collection.ts";
import { compileFilter, findWith } from "./mingo-options.ts";
import { selectCandidates, selectInOrder } from "./query-plan.ts";

export interface FindSpec {
  filter?: Document;
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

/** Runs a find with mingo's semantics, returning fresh result documents. */
export function findDocuments(collection: Collection | undefined, spec: FindSpec): Document[] {
  if (!collection) return [];
  const filter = spec.filter ?? {};
  const inOrder = spec.sort && spec.limit ? selectInOrder(collection, filter, spec.sort) : undefined;
  if (inOrder) {
    const docs = firstMatches(inOrder, filter, (spec.skip ?? 0) + Math.abs(spec.limit ?? 0)).slice(
      spec.skip ?? 0,
    );
    return docs.map((doc) => projectDocument(doc, spec.projection));
  }
  let cursor = findWith(selectCandidates(collection, filter), filter, spec.projection ?? {});
  if (spec.sort && Object.keys(spec.sort).length > 0) cursor = cursor.sort(spec.sort);
  if (spec.skip) cursor = cursor.skip(spec.skip);
  if (spec.limit) cursor = cursor.limit(Math.abs(spec.limit));
  const docs = cursor.all() as Document[];
  return spec.projection ? docs.map(putIdFirst) : docs;
}

/** The stored documents (not copies) matching a filter, in natural order, up to `limit`. */
export function matchDocuments(
  collection: Collection | undefined,
  filter: Document,
  limit = Number.POSITIVE_INFINITY,
): Document[] {
  if (!collection) return [];
  const cursor = findWith(selectCandidates(collection, filter), filter);
  return (Number.isFinite(limit) ? cursor.limit(limit) : cursor).all() as Document[];
}

/** The stored document a findAndModify targets: the first match in `sort` order. */
export function findTarget(
  collection: Collection | undefined,
  filter: Document,
  sort?: Document,
): Document | undefined {
  if (!collection) return undefined;
  if (!sort || Object.keys(sort).length === 0) return matchDocuments(collection, filter, 1)[0];
  const inOrder = selectInOrder(collection, filter, sort);
  if (inOrder) return firstMatches(inOrder, filter, 1)[0];
  const [first] = findDocuments(collection, { filter, sort, limit: 1 });
  return first ? collection.getById(first._id) : undefined;
}

/** The first `count` documents of `docs` (read in index order) that match `filter`. */
function firstMatches(docs: Iterable<Document>, filter: Document, count: number): Document[] {
  const query = compileFilter(filter);
  const found: Document[] = [];
  for (const doc of docs) {
    if (found.length >= count) break;
    if (query.test(doc)) found.push(doc);
  }
  return found;
}

export function projectDocument(doc: Document, projection: Document | undefined): Document {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return putIdFirst(findWith([doc], {}, projection).all()[0] as Document);
}

// mingo appends `_id` after projected fields; mongod returns it first.
function putIdFirst(doc: Document): Document {
  if (!("_id" in doc)) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
