import mongoose, { type Connection, type ConnectOptions } from "mongoose";
import { mkdir } from "node:fs/promises";
import type { Logger } from "../log.ts";

export interface StorageConnection {
  connection: Connection;
  close(): Promise<void>;
}

/**
 * Commands are not buffered while MongoDB is away: a page answers "storage down" at once
 * instead of hanging on a queue the member cannot see.
 */
export function clientOptions(uri: string): ConnectOptions {
  // Five seconds, not the driver's thirty, unless the URI says otherwise: a member is waiting.
  const timeout = /[?&]serverSelectionTimeoutMS=/i.test(uri) ? {} : { serverSelectionTimeoutMS: 5_000 };
  return { bufferCommands: false, autoIndex: false, ...timeout };
}

export async function connectMongo(uri: string): Promise<Connection> {
  return mongoose.createConnection(uri, clientOptions(uri)).asPromise();
}

/** MONGODB_URI, or for local use an embedded mongod whose data lives under `.data/`. */
export async function openStorageConnection(
  uri: string | undefined,
  log: Logger,
): Promise<StorageConnection> {
  if (uri) {
    const connection = await connectMongo(uri);
    return { connection, close: () => connection.close() };
  }
  const embedded = await startEmbeddedMongo(log);
  const connection = await connectMongo(embedded.getUri("octolink"));
  return {
    connection,
    close: async () => {
      await connection.close();
      await embedded.stop();
    },
  };
}

async function startEmbeddedMongo(log: Logger) {
  const dbPath = ".data/mongodb";
  await mkdir(dbPath, { recursive: true });
  log.warn({ dbPath }, "MONGODB_URI is not set: starting an embedded MongoDB for local use only");
  try {
    const { MongoBinary, MongoMemoryServer } = await import("mongodb-memory-server-core");
    // Fetching the binary first lets its failure (offline, say) reach the operator as one
    // message; a failed MongoMemoryServer.create prints its own stack trace to the console.
    const binary = await MongoBinary.getPath();
    return await MongoMemoryServer.create({
      binary: { systemBinary: binary },
      instance: { dbPath, storageEngine: "wiredTiger" },
    });
  } catch (err) {
    throw new Error(
      `The embedded MongoDB could not start (${(err as Error).message.split("\n")[0]}). ` +
        "Set MONGODB_URI in .env to a MongoDB server, e.g. mongodb://127.0.0.1:27017/octolink.",
    );
  }
}
