import net, { type AddressInfo, type Socket } from "node:net";
import { type ServerState, serveConnection } from "./connection.ts";
import { CursorRegistry } from "./cursors.ts";
import { Store } from "./store.ts";
import { startTtlSweeper } from "./ttl-sweeper.ts";

export interface MongoServerOptions {
  host?: string;
  port?: number;
  /** How often expired TTL documents are removed; mongod's 60 s by default. */
  ttlSweepMs?: number;
}

export interface RunningMongoServer {
  uri: string;
  host: string;
  port: number;
  /** Commands answered so far, by `<command> <collection>` (or just the command). */
  commandCounts(): Record<string, number>;
  /** Delays every reply by `ms` (0 to stop), as a distant server would. */
  setReplyDelay(ms: number): void;
  close(): Promise<void>;
}

/** Starts an in-memory MongoDB wire-protocol server. For tests only, never production. */
export async function startMongoServer(opts: MongoServerOptions = {}): Promise<RunningMongoServer> {
  const host = opts.host ?? "127.0.0.1";
  let connectionCount = 0;
  const state: ServerState = {
    store: new Store(),
    cursors: new CursorRegistry(),
    startedAt: Date.now(),
    nextConnectionId: () => ++connectionCount,
    commandCounts: new Map(),
    replyDelayMs: 0,
  };
  const sockets = new Set<Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveConnection(socket, state);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const sweeper = startTtlSweeper(state.store, opts.ttlSweepMs ?? 60_000);
  const authority = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  return {
    uri: `mongodb://${authority}/?directConnection=true`,
    host,
    port,
    commandCounts: () => Object.fromEntries(state.commandCounts),
    setReplyDelay: (ms) => {
      state.replyDelayMs = ms;
    },
    close: async () => {
      clearInterval(sweeper);
      state.cursors.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
