import { startMongoServer } from "../test/support/mongo/server.ts";

/**
 * The MongoDB test server as a child of the bench (`bench/mongo-child.ts` starts it), so it does
 * not share an event loop with the stand-ins and the browsers. It answers the parent over the
 * IPC channel: its command counts, and a delay for every reply (the round-trip measurement).
 */
export type MongoQuestion = { kind: "commandCounts" } | { kind: "setReplyDelay"; ms: number };
export type MongoRequest = MongoQuestion & { id: number };
export type MongoMessage =
  { kind: "listening"; uri: string } | { kind: "answer"; id: number; counts?: Record<string, number> };

const send = (message: MongoMessage) => process.send?.(message);

// MongoDB's own TTL monitor runs once a minute; the tests' 100 ms sweep would only add load.
const server = await startMongoServer({ port: 0, ttlSweepMs: 60_000 });
process.on("message", (request: MongoRequest) => {
  if (request.kind === "commandCounts") {
    send({ kind: "answer", id: request.id, counts: server.commandCounts() });
  } else {
    server.setReplyDelay(request.ms);
    send({ kind: "answer", id: request.id });
  }
});
// Exits on SIGTERM (so --cpu-prof writes its profile) or when the parent goes away, even by kill -9.
const stop = () => void server.close().then(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("disconnect", stop);
send({ kind: "listening", uri: server.uri });
