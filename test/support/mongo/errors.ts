import type { Document } from "bson";

/** A failure reported to the client as `{ ok: 0, code, codeName, errmsg }`, like mongod does. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
  }
}

/** Raised for bytes that are not a valid message; the connection that sent them is closed. */
export class ProtocolError extends Error {}

export function createNoSuchCommandError(name: string): CommandError {
  return new CommandError(59, "CommandNotFound", `no such command: '${name}'`);
}

export function createNamespaceNotFoundError(ns: string): CommandError {
  return new CommandError(26, "NamespaceNotFound", `ns does not exist: ${ns}`);
}

export function toErrorReply(error: unknown): Document {
  if (error instanceof CommandError) {
    return {
      ok: 0,
      errmsg: error.message,
      code: error.code,
      codeName: error.codeName,
      ...error.extra,
    };
  }
  // mingo throws plain errors for invalid operators; mongod reports those as BadValue.
  const message = error instanceof Error ? error.message : String(error);
  return { ok: 0, errmsg: message, code: 2, codeName: "BadValue" };
}
