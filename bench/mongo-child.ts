import { withDatabase } from "../test/support/mongo/test-mongo.ts";
import { type NodeChild, spawnNodeScript } from "./child-process.ts";
import type { MongoMessage, MongoQuestion, MongoRequest } from "./mongo-process.ts";

/** The bench's MongoDB: the test server in a child process, or a real one (MONGODB_TEST_URI). */
export interface BenchMongo {
  uri: string;
  /** The test server's process, whose CPU the bench reports; absent on a real MongoDB. */
  pid?: number;
  /** Commands answered so far, by `<command> <collection>`; null on a real MongoDB (not counted). */
  commandCounts(): Promise<Record<string, number> | null>;
  /** Delays every reply by `ms` (0 to stop); false on a real MongoDB, which cannot be slowed. */
  setReplyDelay(ms: number): Promise<boolean>;
  stop(): Promise<void>;
}

type Ask = (question: MongoQuestion) => Promise<Extract<MongoMessage, { kind: "answer" }>>;

export async function startBenchMongo(dbName: string, nodeFlags: string[] = []): Promise<BenchMongo> {
  const external = process.env.MONGODB_TEST_URI;
  if (external) {
    return {
      uri: withDatabase(external, dbName),
      commandCounts: async () => null,
      setReplyDelay: async () => false,
      stop: async () => {},
    };
  }
  const child = spawnNodeScript("bench/mongo-process.ts", {}, nodeFlags, { ipc: true });
  const uri = await listeningUri(child);
  const ask = answering(child);
  return {
    uri: withDatabase(uri, dbName),
    pid: child.pid,
    commandCounts: async () => (await ask({ kind: "commandCounts" })).counts ?? {},
    setReplyDelay: async (ms) => {
      await ask({ kind: "setReplyDelay", ms });
      return true;
    },
    async stop() {
      const code = await child.stop();
      if (code !== 0 && code !== null)
        console.error(`the MongoDB test server exited with ${code}:\n${child.output()}`);
    },
  };
}

function listeningUri(child: NodeChild): Promise<string> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: MongoMessage) => {
      if (message.kind !== "listening") return;
      child.child.off("message", onMessage);
      resolve(message.uri);
    };
    child.child.on("message", onMessage);
    child.child.once("exit", () =>
      reject(new Error(`the MongoDB test server did not start:\n${child.output()}`)),
    );
  });
}

function answering(child: NodeChild): Ask {
  let nextId = 0;
  const waiting = new Map<number, (message: Extract<MongoMessage, { kind: "answer" }>) => void>();
  child.child.on("message", (message: MongoMessage) => {
    if (message.kind === "answer") waiting.get(message.id)?.(message);
  });
  return (question) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, (answer) => {
        waiting.delete(id);
        resolve(answer);
      });
      child.child.send({ ...question, id } satisfies MongoRequest, (err) => {
        if (err) {
          waiting.delete(id);
          reject(err);
        }
      });
    });
}
