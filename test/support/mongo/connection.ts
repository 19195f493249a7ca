import type { Document } from "bson";
import type { Socket } from "node:net";
import type { CursorRegistry } from "./cursors.ts";
import { type ConnectionContext, runCommand, runLegacyQuery } from "./dispatch.ts";
import { ProtocolError } from "./errors.ts";
import { decodeOpMsg, encodeOpMsg } from "./op-msg.ts";
import { decodeOpQuery, encodeOpReply } from "./op-query.ts";
import type { Store } from "./store.ts";
import { FrameReader, OP_MSG, OP_QUERY, readHeader } from "./wire.ts";

export interface ServerState {
  store: Store;
  cursors: CursorRegistry;
  startedAt: number;
  nextConnectionId(): number;
  /** Commands answered, by `<command> <collection>`, for the bench's per-link counts. */
  commandCounts: Map<string, number>;
  /** Added before each reply is written, for the bench's round-trip count; 0 normally. */
  replyDelayMs: number;
}

/**
 * Serves one client socket. Anything that cannot be decoded closes this socket only: the
 * error never leaves the handler, so other connections and the process keep going.
 */
export function serveConnection(socket: Socket, state: ServerState): void {
  const context: ConnectionContext = {
    store: state.store,
    cursors: state.cursors,
    startedAt: state.startedAt,
    connectionId: state.nextConnectionId(),
    peer: `${socket.remoteAddress}:${socket.remotePort}`,
  };
  const reader = new FrameReader();
  let nextRequestId = 1;
  socket.setNoDelay(true);
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    try {
      for (const frame of reader.push(chunk)) {
        const reply = answerFrame(frame, context, state.commandCounts, nextRequestId++);
        if (!reply) continue;
        // One delay for every reply keeps each connection's replies in order.
        if (state.replyDelayMs > 0) setTimeout(() => socket.write(reply), state.replyDelayMs);
        else socket.write(reply);
      }
    } catch {
      socket.destroy();
    }
  });
}

function answerFrame(
  frame: Buffer,
  context: ConnectionContext,
  counts: Map<string, number>,
  requestId: number,
): Buffer | undefined {
  const header = readHeader(frame);
  if (header.opCode === OP_MSG) {
    const { command, moreToCome } = decodeOpMsg(frame);
    const key = describeCommand(command);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const reply = runCommand(command, context);
    return moreToCome ? undefined : encodeOpMsg(requestId, header.requestId, reply);
  }
  if (header.opCode === OP_QUERY) {
    const { fullCollectionName, query } = decodeOpQuery(frame);
    const reply = runLegacyQuery(fullCollectionName, query, context);
    return encodeOpReply(requestId, header.requestId, reply);
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

/** `findAndModify link_states`, `hello`: the command and, for collection commands, the collection. */
function describeCommand(command: Document): string {
  const name = Object.keys(command)[0] ?? "";
  const target = command[name];
  return typeof target === "string" && target.length > 0 ? `${name} ${target}` : name;
}
