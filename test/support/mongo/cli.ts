import { parseArgs } from "node:util";
import { startMongoServer } from "./server.ts";

// Standalone runs for poking at the test server by hand (mongosh, Compass, the bot).
const { values } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "27017" },
    "ttl-sweep-ms": { type: "string", default: "60000" },
  },
});

const server = await startMongoServer({
  host: values.host,
  port: Number(values.port),
  ttlSweepMs: Number(values["ttl-sweep-ms"]),
});
console.log(`MongoDB test server (in-memory, for tests only) listening on ${server.uri}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
