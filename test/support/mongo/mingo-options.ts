import type { Document } from "bson";
import { Context, find, Query, update } from "mingo";
import * as projectionOperators from "mingo/operators/projection";
import * as queryOperators from "mingo/operators/query";
import { Query as QueryBase } from "mingo/query";
import { update as updateBase } from "mingo/updater";

/*
 * mingo copies every operator it knows (about 300) into a fresh context for each query, update
 * and projection, which was most of the test server's CPU per command. A filter, update
 * condition or projection without aggregation expressions needs only the query and projection
 * operators; one with `$expr` (or a computed projection) gets mingo's whole set, as before.
 */
const LEAN = { context: Context.init({ query: queryOperators, projection: projectionOperators }) };

/** A compiled filter, for `test()` or `find()`. */
export function compileFilter(filter: Document): QueryBase {
  return usesExpressions(filter) ? new Query(filter) : new QueryBase(filter, LEAN);
}

/** mingo's `update` of `doc` in place, when it matches `condition` (deep copies of values). */
export function updateWith(
  doc: Document,
  modifiers: Document,
  arrayFilters: Document[] = [],
  condition?: Document,
) {
  const options = { cloneMode: "deep" } as const;
  if ([condition, ...arrayFilters].some((f) => f !== undefined && usesExpressions(f))) {
    update(doc, modifiers, arrayFilters, condition, options);
  } else {
    updateBase(doc, modifiers, arrayFilters, condition, { ...options, queryOptions: LEAN });
  }
}

/** The documents matching `filter`, projected (mingo's cursor, unsorted, unlimited). */
export function findWith(docs: Parameters<typeof find>[0], filter: Document, projection: Document = {}) {
  if (usesExpressions(filter) || !isPlainProjection(projection)) return find(docs, filter, projection);
  return new QueryBase(filter, LEAN).find(docs, projection);
}

function usesExpressions(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesExpressions);
  if (value === null || typeof value !== "object" || !isPlainObject(value)) return false;
  return Object.entries(value).some(([key, v]) => key === "$expr" || usesExpressions(v));
}

// Inclusions and exclusions, `$slice` by numbers and `$elemMatch`: nothing computed.
function isPlainProjection(projection: Document): boolean {
  return Object.values(projection).every((v) => {
    if (typeof v === "number" || typeof v === "boolean") return true;
    if (!isPlainObject(v)) return false;
    const keys = Object.keys(v);
    if (keys.length !== 1) return false;
    if (keys[0] === "$elemMatch") return !usesExpressions(v.$elemMatch);
    const slice = v.$slice as unknown;
    return keys[0] === "$slice" && [slice].flat().every((n) => typeof n === "number");
  });
}

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
