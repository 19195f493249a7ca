import type { Document } from "bson";
import { Query } from "mingo";
import { type CommandHandler, namespaceOf, readCollectionName, readNumber } from "./command-context.ts";
import { CommandError, createNamespaceNotFoundError } from "./errors.ts";
import { canonicalKey } from "./index-key.ts";
import { ID_INDEX, type IndexManager } from "./index-manager.ts";
import type { IndexSpec } from "./unique-index.ts";

// Generic command fields that are not collection options.
const ENVELOPE_FIELDS = new Set([
  "create",
  "$db",
  "lsid",
  "$clusterTime",
  "writeConcern",
  "comment",
  "$readPreference",
]);

const create: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "create");
  const options = Object.fromEntries(
    Object.entries(command).filter(([field]) => !ENVELOPE_FIELDS.has(field)),
  );
  const existing = context.store.getCollection(context.db, name);
  // Like mongod 7, creating an existing collection succeeds when nothing would change.
  if (existing && canonicalKey(existing.options) !== canonicalKey(options)) {
    const ns = namespaceOf(context, name);
    throw new CommandError(48, "NamespaceExists", `Collection ${ns} already exists.`);
  }
  context.store.ensureCollection(context.db, name, options);
  return {};
};

const drop: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "drop");
  const dropped = context.store.dropCollection(context.db, name);
  if (!dropped) return {};
  return { nIndexesWas: dropped.indexes.list().length, ns: dropped.ns };
};

const listCollections: CommandHandler = (command, context) => {
  const nameOnly = command.nameOnly === true;
  const entries = context.store.listCollections(context.db).map((collection) =>
    nameOnly
      ? { name: collection.name, type: "collection" }
      : {
          name: collection.name,
          type: "collection",
          options: collection.options,
          info: { readOnly: false },
          idIndex: ID_INDEX,
        },
  );
  const filter = new Query((command.filter ?? {}) as Document);
  const batchSize = readNumber((command.cursor as Document | undefined)?.batchSize);
  const ns = namespaceOf(context, "$cmd.listCollections");
  return context.cursors.open(
    ns,
    entries.filter((entry) => filter.test(entry)),
    batchSize,
  );
};

const createIndexes: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "createIndexes");
  const existed = context.store.getCollection(context.db, name) !== undefined;
  const collection = context.store.ensureCollection(context.db, name);
  const before = collection.indexes.list().length;
  for (const requested of (command.indexes ?? []) as Document[]) {
    collection.indexes.create(toIndexSpec(requested), collection.entries());
  }
  const after = collection.indexes.list().length;
  return {
    numIndexesBefore: before,
    numIndexesAfter: after,
    createdCollectionAutomatically: !existed,
    ...(before === after ? { note: "all indexes already exist" } : {}),
  };
};

function toIndexSpec(requested: Document): IndexSpec {
  const { key, name, v: _version, ns: _ns, ...options } = requested;
  if (key === null || typeof key !== "object" || Object.keys(key).length === 0) {
    throw new CommandError(67, "CannotCreateIndex", "Index keys cannot be empty.");
  }
  const generated = Object.entries(key as Document).map(([field, dir]) => `${field}_${dir}`);
  return { v: 2, key, name: typeof name === "string" ? name : generated.join("_"), ...options };
}

const listIndexes: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "listIndexes");
  const collection = context.store.getCollection(context.db, name);
  if (!collection) throw createNamespaceNotFoundError(namespaceOf(context, name));
  const batchSize = readNumber((command.cursor as Document | undefined)?.batchSize);
  const ns = namespaceOf(context, `$cmd.listIndexes.${name}`);
  return context.cursors.open(ns, collection.indexes.list(), batchSize);
};

const dropIndexes: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "dropIndexes");
  const collection = context.store.getCollection(context.db, name);
  if (!collection) throw createNamespaceNotFoundError(namespaceOf(context, name));
  const indexes = collection.indexes;
  const nIndexesWas = indexes.list().length;
  const names = resolveIndexNames(indexes, command.index);
  for (const index of names) indexes.drop(index);
  return { nIndexesWas };
};

function resolveIndexNames(indexes: IndexManager, target: unknown): string[] {
  if (target === "*") {
    return indexes
      .list()
      .map((spec) => spec.name)
      .filter((name) => name !== ID_INDEX.name);
  }
  if (typeof target === "string") return [target];
  if (Array.isArray(target)) return target.map(String);
  return [indexes.findNameByKey(target as Document)];
}

export const ddlCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase: (_command, context) => {
    context.store.dropDatabase(context.db);
    return {};
  },
  listCollections,
  createIndexes,
  listIndexes,
  dropIndexes,
};
