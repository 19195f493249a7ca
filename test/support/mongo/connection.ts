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
        const reply = answerFrame(frame, context, nextRequestId++);
        if (reply) socket.write(reply);
      }
    } catch {
      socket.destroy();
    }
  });
}

function answerFrame(frame: Buffer, context: ConnectionContext, requestId: number): Buffer | undefined {
  const header = readHeader(frame);
  if (header.opCode === OP_MSG) {
    const { command, moreToCome } = decodeOpMsg(frame);
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
