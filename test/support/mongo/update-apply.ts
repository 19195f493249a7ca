import { BSON, type Document, ObjectId } from "bson";
import { Aggregator } from "mingo";
import { CommandError } from "./errors.ts";
import { canonicalKey } from "./index-key.ts";
import { updateWith } from "./mingo-options.ts";
import { isOperatorObject } from "./query-plan.ts";

export interface UpdateSpec {
  filter: Document;
  update: Document | Document[];
  arrayFilters?: Document[];
}

/** The updated copy of `doc`, or undefined when the update changes nothing. */
export function applyUpdate(doc: Document, spec: UpdateSpec): Document | undefined {
  const before = BSON.serialize(doc);
  const next = transformDocument(BSON.deserialize(before), spec, false);
  if (canonicalKey(next._id) !== canonicalKey(doc._id)) {
    throw new CommandError(
      66,
      "ImmutableField",
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return Buffer.from(BSON.serialize(next)).equals(before) ? undefined : next;
}

/** The document an upsert inserts: the filter's equality fields, then the update on top. */
export function buildUpsertDocument(spec: UpdateSpec): Document {
  // mingo refuses any $set of `_id`, so the filter's `_id` seeds the document directly.
  const { _id: filterId, ...equalities } = collectEqualities(spec.filter);
  const seed: Document = filterId === undefined ? {} : { _id: filterId };
  if (Object.keys(equalities).length > 0) updateWith(seed, { $set: equalities });
  const doc = transformDocument(seed, spec, true);
  const { _id = seed._id ?? new ObjectId(), ...rest } = doc;
  return { _id, ...rest };
}

function transformDocument(doc: Document, spec: UpdateSpec, inserting: boolean): Document {
  if (Array.isArray(spec.update)) {
    return new Aggregator(spec.update).run([doc])[0] as Document;
  }
  const change: Document = spec.update;
  if (!isOperatorObject(change)) {
    const { _id: replacementId = doc._id, ...replacement } = change;
    return replacementId === undefined ? replacement : { _id: replacementId, ...replacement };
  }
  // mingo has no $setOnInsert: it is a $set that applies only when the upsert inserts.
  const { $setOnInsert, ...modifiers } = change;
  if (inserting && $setOnInsert) {
    // An inserted document may take its `_id` from the update, which mingo would refuse to $set.
    const { _id: insertedId, ...onInsert } = $setOnInsert as Document;
    if (insertedId !== undefined) doc._id = insertedId;
    modifiers.$set = { ...modifiers.$set, ...onInsert };
  }
  if (Object.keys(modifiers).length > 0) {
    // mingo skips the update when `condition` does not match; an upsert seed may not match.
    const condition = inserting ? undefined : spec.filter;
    updateWith(doc, modifiers, spec.arrayFilters, condition);
  }
  return doc;
}

function collectEqualities(filter: Document, into: Document = {}): Document {
  for (const [path, condition] of Object.entries(filter)) {
    if (path === "$and" && Array.isArray(condition)) {
      for (const clause of condition) collectEqualities(clause as Document, into);
      continue;
    }
    if (path.startsWith("$") || condition instanceof RegExp) continue;
    if (!isOperatorObject(condition)) into[path] = condition;
    else if (Object.hasOwn(condition, "$eq")) into[path] = condition.$eq;
  }
  return into;
}
