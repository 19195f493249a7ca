import type { Document } from "bson";
import type { CommandContext, CommandHandler } from "./command-context.ts";
import { adminCommands } from "./commands-admin.ts";
import { ddlCommands } from "./commands-ddl.ts";
import { findAndModifyCommands } from "./commands-find-and-modify.ts";
import { readCommands } from "./commands-read.ts";
import { writeCommands } from "./commands-write.ts";
import { CommandError, createNoSuchCommandError, toErrorReply } from "./errors.ts";

// A Map, so a command named like an Object.prototype member ("constructor") is unknown.
const HANDLERS = new Map<string, CommandHandler>(
  Object.entries({
    ...adminCommands,
    ...readCommands,
    ...writeCommands,
    ...findAndModifyCommands,
    ...ddlCommands,
  }),
);

// Since MongoDB 6 only the handshake may still arrive as OP_QUERY.
const LEGACY_QUERY_COMMANDS = new Set(["hello", "isMaster", "ismaster"]);

export type ConnectionContext = Omit<CommandContext, "db">;

/**
 * Runs one command to completion synchronously: no await may separate a unique-key check
 * from its write, which is what makes concurrent upserts safe.
 */
export function runCommand(command: Document, context: ConnectionContext): Document {
  try {
    const name = Object.keys(command)[0] ?? "";
    const handler = HANDLERS.get(name);
    if (!handler) throw createNoSuchCommandError(name);
    if (typeof command.$db !== "string") {
      throw new CommandError(40571, "Location40571", "OP_MSG requests require a $db argument");
    }
    return { ...handler(command, { ...context, db: command.$db }), ok: 1 };
  } catch (error) {
    return toErrorReply(error);
  }
}

/** Answers an OP_QUERY, which carries a command when sent to `<db>.$cmd`. */
export function runLegacyQuery(
  fullCollectionName: string,
  query: Document,
  context: ConnectionContext,
): Document {
  const [db, collection] = splitNamespace(fullCollectionName);
  // Drivers wrap the command as { $query: command, $readPreference } when they add options.
  const command = (query.$query ?? query) as Document;
  const name = Object.keys(command)[0] ?? "";
  if (collection !== "$cmd" || !LEGACY_QUERY_COMMANDS.has(name)) {
    return toErrorReply(
      new CommandError(
        352,
        "UnsupportedOpQueryCommand",
        `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
      ),
    );
  }
  return runCommand({ ...command, $db: db }, context);
}

function splitNamespace(ns: string): [string, string] {
  const dot = ns.indexOf(".");
  return dot < 0 ? [ns, ""] : [ns.slice(0, dot), ns.slice(dot + 1)];
}
