import mongoose from "mongoose";
import { type RunningMongoServer, startMongoServer } from "./server.ts";

export interface TestMongo {
  uri: string;
  /** The in-memory server, for counting commands or delaying replies; absent on a real MongoDB. */
  server?: RunningMongoServer;
  stop(): Promise<void>;
}

let databaseCount = 0;

/**
 * A fresh database for one storage suite: on the real MongoDB named by MONGODB_TEST_URI when
 * set (dropped on stop), otherwise on a private in-memory server.
 */
export async function startTestMongo(opts: { ttlSweepMs?: number } = {}): Promise<TestMongo> {
  const dbName = `octolink_test_${process.pid}_${Date.now().toString(36)}_${databaseCount++}`;
  const external = process.env.MONGODB_TEST_URI;
  if (external) {
    const uri = withDatabase(external, dbName);
    return { uri, stop: () => dropDatabase(uri) };
  }
  const server = await startMongoServer({ port: 0, ttlSweepMs: opts.ttlSweepMs ?? 100 });
  return { uri: withDatabase(server.uri, dbName), server, stop: () => server.close() };
}

/** Replaces the database path of a MongoDB URI, keeping hosts and options. */
export function withDatabase(uri: string, db: string): string {
  const hostsStart = uri.indexOf("://") + 3;
  const queryStart = uri.indexOf("?", hostsStart);
  const base = queryStart < 0 ? uri : uri.slice(0, queryStart);
  const query = queryStart < 0 ? "" : uri.slice(queryStart);
  const slash = base.indexOf("/", hostsStart);
  return `${slash < 0 ? base : base.slice(0, slash)}/${db}${query}`;
}

async function dropDatabase(uri: string): Promise<void> {
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}
