import type { Document } from "bson";
import { Aggregator, ProcessingMode } from "mingo";
import {
  type CommandContext,
  type CommandHandler,
  namespaceOf,
  readCollectionName,
  readNumber,
} from "./command-context.ts";
import { CommandError } from "./errors.ts";
import { canonicalKey, collectPathValues } from "./index-key.ts";
import { selectCandidates } from "./query-plan.ts";
import { findDocuments } from "./query.ts";

// Stages that build new objects instead of editing their input; any other stage could write
// into stored documents, so those pipelines run on clones.
const NON_MUTATING_STAGES = new Set(["$match", "$sort", "$skip", "$limit", "$count", "$group", "$project"]);

const find: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "find");
  const limit = readNumber(command.limit) ?? 0;
  const docs = findDocuments(context.store.getCollection(context.db, name), {
    filter: command.filter,
    sort: command.sort,
    skip: readNumber(command.skip),
    limit,
    projection: command.projection,
  });
  const singleBatch = command.singleBatch === true || limit < 0;
  return context.cursors.open(namespaceOf(context, name), docs, readNumber(command.batchSize), singleBatch);
};

const aggregate: CommandHandler = (command, context) => {
  const pipeline = (command.pipeline ?? []) as Document[];
  const stages = pipeline.map((stage) => Object.keys(stage)[0] as string);
  const writer = stages.find((stage) => stage === "$out" || stage === "$merge");
  if (writer) {
    throw new CommandError(40324, "Location40324", `${writer} is not supported by the test server`);
  }
  const name = typeof command.aggregate === "string" ? command.aggregate : "";
  const docs = new Aggregator(
    pipeline.map((stage) => withIndexedUnion(context, stage)),
    {
      collectionResolver: (other) => [...(context.store.getCollection(context.db, other)?.documents() ?? [])],
      processingMode: stages.every((stage) => NON_MUTATING_STAGES.has(stage))
        ? ProcessingMode.CLONE_OFF
        : ProcessingMode.CLONE_INPUT,
    },
  ).run(readAggregateSource(context, name, pipeline[0]?.$match));
  const batchSize = readNumber((command.cursor as Document | undefined)?.batchSize);
  return context.cursors.open(namespaceOf(context, name), docs, batchSize);
};

/**
 * A `$unionWith` whose pipeline starts with `$match` reads its collection through the indexes,
 * as mongod does: the bot's one-command reads (a member's link beside their states, say) stay
 * point lookups however many documents the other collection holds.
 */
function withIndexedUnion(context: CommandContext, stage: Document): Document {
  const union = stage.$unionWith as { coll?: unknown; pipeline?: Document[] } | undefined;
  const match = union?.pipeline?.[0]?.$match as Document | undefined;
  if (typeof union?.coll !== "string" || !match) return stage;
  const collection = context.store.getCollection(context.db, union.coll);
  return { $unionWith: { ...union, coll: collection ? [...selectCandidates(collection, match)] : [] } };
}

function readAggregateSource(context: CommandContext, name: string, match: unknown): Iterable<Document> {
  const collection = context.store.getCollection(context.db, name);
  if (!collection) return [];
  return match ? selectCandidates(collection, match as Document) : collection.documents();
}

const count: CommandHandler = (command, context) => {
  const collection = context.store.getCollection(context.db, readCollectionName(command, "count"));
  const query = command.query as Document | undefined;
  const skip = readNumber(command.skip) ?? 0;
  const limit = Math.abs(readNumber(command.limit) ?? 0);
  if (!query || Object.keys(query).length === 0) {
    const total = Math.max((collection?.size ?? 0) - skip, 0);
    return { n: limit ? Math.min(total, limit) : total };
  }
  return { n: findDocuments(collection, { filter: query, skip, limit }).length };
};

const distinct: CommandHandler = (command, context) => {
  const collection = context.store.getCollection(context.db, readCollectionName(command, "distinct"));
  const key = String(command.key);
  const values = new Map<string, unknown>();
  for (const doc of findDocuments(collection, { filter: command.query })) {
    for (const value of collectPathValues(doc, key).values) {
      if (value !== undefined) values.set(canonicalKey(value), value);
    }
  }
  return { values: [...values.values()] };
};

export const readCommands: Record<string, CommandHandler> = {
  find,
  aggregate,
  count,
  distinct,
  getMore: (command, context) =>
    context.cursors.getMore(readNumber(command.getMore) ?? 0, readNumber(command.batchSize)),
  killCursors: (command, context) =>
    context.cursors.kill(((command.cursors ?? []) as unknown[]).map((id) => readNumber(id) ?? 0)),
};
