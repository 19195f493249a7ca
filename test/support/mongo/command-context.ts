import type { Document } from "bson";
import type { CursorRegistry } from "./cursors.ts";
import { CommandError } from "./errors.ts";
import type { Store } from "./store.ts";

export interface CommandContext {
  db: string;
  store: Store;
  cursors: CursorRegistry;
  connectionId: number;
  peer: string;
  startedAt: number;
}

export type CommandHandler = (command: Document, context: CommandContext) => Document;

export function readCollectionName(command: Document, field: string): string {
  const name = command[field];
  if (typeof name !== "string" || name.length === 0) {
    throw new CommandError(73, "InvalidNamespace", `collection name must be a string: ${field}`);
  }
  return name;
}

/** Numbers arrive as int32, double or int64 depending on the driver; treat them alike. */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value !== null && typeof value === "object" && "toNumber" in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return undefined;
}

export function namespaceOf(context: CommandContext, collection: string): string {
  return `${context.db}.${collection}`;
}
