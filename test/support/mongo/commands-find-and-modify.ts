import type { Document } from "bson";
import { type CommandHandler, readCollectionName } from "./command-context.ts";
import { CommandError } from "./errors.ts";
import { findTarget, projectDocument } from "./query.ts";
import { applyUpdate, buildUpsertDocument } from "./update-apply.ts";

// A duplicate key here is a top-level command error (not a writeError), as in mongod.
const findAndModify: CommandHandler = (command, context) => {
  const name = readCollectionName(command, "findAndModify");
  const filter = (command.query ?? {}) as Document;
  const fields = command.fields as Document | undefined;
  if (command.remove === true) {
    const collection = context.store.getCollection(context.db, name);
    const target = findTarget(collection, filter, command.sort);
    if (target) collection?.remove(target);
    return {
      lastErrorObject: { n: target ? 1 : 0 },
      value: target ? projectDocument(target, fields) : null,
    };
  }
  if (command.update === undefined) {
    throw new CommandError(9, "FailedToParse", "Either an update or remove=true must be specified");
  }
  const collection = context.store.getCollection(context.db, name);
  const spec = { filter, update: command.update, arrayFilters: command.arrayFilters };
  const target = findTarget(collection, filter, command.sort);
  if (target) {
    const next = applyUpdate(target, spec);
    if (next) collection?.replace(target, next);
    const value = command.new === true ? (next ?? target) : target;
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: projectDocument(value, fields),
    };
  }
  if (command.upsert !== true) {
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null };
  }
  const doc = buildUpsertDocument(spec);
  context.store.ensureCollection(context.db, name).insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: command.new === true ? projectDocument(doc, fields) : null,
  };
};

export const findAndModifyCommands: Record<string, CommandHandler> = { findAndModify };
