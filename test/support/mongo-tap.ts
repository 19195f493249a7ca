import type { Document } from "bson";
import net, { type AddressInfo, type Socket } from "node:net";
import { decodeOpMsg } from "./mongo/op-msg.ts";
import { FrameReader, OP_MSG, readHeader } from "./mongo/wire.ts";

/**
 * A TCP hop between an octolink process and MongoDB that can stop the process at an exact
 * point of a flow: a trap on one command holds it (`before`: MongoDB never sees it) or holds
 * its reply (`after`: MongoDB has done it, the process never learns so), then calls `hit`,
 * which kills the process. Nothing else is touched: every other byte passes as it came.
 */
export interface MongoTap {
  /** `uri` with its host and port swapped for the tap's. */
  uriFor(uri: string): string;
  trap(trap: Trap): void;
  close(): Promise<void>;
}

export interface Trap {
  match: (command: Document) => boolean;
  when: "before" | "after";
  hit: () => void;
}

export async function startMongoTap(targetUri: string): Promise<MongoTap> {
  const target = new URL(targetUri);
  let armed: Trap | undefined;
  const sockets = new Set<Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", closeBoth).on("close", closeBoth);
    upstream.on("error", closeBoth).on("close", closeBoth);
    const fromClient = new FrameReader();
    const fromServer = new FrameReader();
    let frozen = false;
    let holdNextReply: Trap | undefined;
    client.on("data", (chunk: Buffer) => {
      for (const frame of fromClient.push(chunk)) {
        if (frozen) return;
        const trap = armed && matches(armed, frame) ? armed : undefined;
        if (trap) armed = undefined;
        if (trap?.when === "before") {
          frozen = true;
          trap.hit();
          return;
        }
        if (trap) holdNextReply = trap;
        upstream.write(frame);
      }
    });
    upstream.on("data", (chunk: Buffer) => {
      for (const frame of fromServer.push(chunk)) {
        if (frozen) return;
        if (holdNextReply) {
          frozen = true;
          holdNextReply.hit();
          return;
        }
        client.write(frame);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uriFor(uri) {
      const url = new URL(uri);
      url.host = `127.0.0.1:${port}`;
      return url.toString();
    },
    trap(trap) {
      armed = trap;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function matches(trap: Trap, frame: Buffer): boolean {
  if (readHeader(frame).opCode !== OP_MSG) return false;
  return trap.match(decodeOpMsg(frame).command);
}
