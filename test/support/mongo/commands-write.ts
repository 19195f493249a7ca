import { type Document, ObjectId } from "bson";
import { type CommandHandler, readCollectionName, readNumber } from "./command-context.ts";
import { CommandError } from "./errors.ts";
import { matchDocuments } from "./query.ts";
import type { Store } from "./store.ts";
import { applyUpdate, buildUpsertDocument } from "./update-apply.ts";

interface StatementResult {
  n: number;
  nModified?: number;
  upserted?: unknown;
}

/**
 * Runs each statement of a write batch, turning per-statement failures into `writeErrors`
 * and stopping at the first one when the batch is ordered, as mongod does.
 */
function runBatch(
  command: Document,
  statements: Document[],
  runStatement: (statement: Document) => StatementResult,
): Document {
  const ordered = command.ordered !== false;
  const reply: Document = { n: 0 };
  const writeErrors: Document[] = [];
  const upserted: Document[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      const result = runStatement(statement);
      reply.n += result.n;
      if (result.nModified !== undefined) reply.nModified = (reply.nModified ?? 0) + result.nModified;
      if (result.upserted !== undefined) upserted.push({ index, _id: result.upserted });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      writeErrors.push({ index, code: error.code, errmsg: error.message, ...error.extra });
      if (ordered) break;
    }
  }
  if (upserted.length > 0) reply.upserted = upserted;
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  return reply;
}

const insert: CommandHandler = (command, context) => {
  const collection = context.store.ensureCollection(context.db, readCollectionName(command, "insert"));
  return runBatch(command, (command.documents ?? []) as Document[], (doc) => {
    collection.insert(withLeadingId(doc));
    return { n: 1 };
  });
};

// mongod stores `_id` first, generating one when the client did not.
function withLeadingId(doc: Document): Document {
  if (Object.keys(doc)[0] === "_id") return doc;
  const { _id = new ObjectId(), ...rest } = doc;
  return { _id, ...rest };
}

const update: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "update");
  const reply = runBatch(command, (command.updates ?? []) as Document[], (statement) =>
    runUpdateStatement(context.store, context.db, name, statement),
  );
  return { nModified: 0, ...reply };
};

function runUpdateStatement(store: Store, db: string, name: string, statement: Document): StatementResult {
  const collection = store.getCollection(db, name);
  const spec = {
    filter: (statement.q ?? {}) as Document,
    update: statement.u as Document | Document[],
    arrayFilters: statement.arrayFilters as Document[] | undefined,
  };
  const targets = matchDocuments(collection, spec.filter, statement.multi === true ? undefined : 1);
  if (targets.length === 0) {
    if (statement.upsert !== true) return { n: 0, nModified: 0 };
    const doc = buildUpsertDocument(spec);
    store.ensureCollection(db, name).insert(doc);
    return { n: 1, nModified: 0, upserted: doc._id };
  }
  let modified = 0;
  for (const target of targets) {
    const next = applyUpdate(target, spec);
    if (next) {
      collection?.replace(target, next);
      modified++;
    }
  }
  return { n: targets.length, nModified: modified };
}

const remove: CommandHandler = (command, context) => {
  const collection = context.store.getCollection(context.db, readCollectionName(command, "delete"));
  return runBatch(command, (command.deletes ?? []) as Document[], (statement) => {
    const limit = readNumber(statement.limit) === 1 ? 1 : undefined;
    const targets = matchDocuments(collection, (statement.q ?? {}) as Document, limit);
    for (const target of targets) collection?.remove(target);
    return { n: targets.length };
  });
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: remove };
