import { BSON, type Document } from "bson";
import { deserializeAt } from "./op-msg.ts";
import { HEADER_BYTES, OP_REPLY, readCString, writeHeader } from "./wire.ts";

export interface OpQueryRequest {
  fullCollectionName: string;
  query: Document;
}

// OP_QUERY survives only for the first handshake of older drivers (and driver 7's own first
// `isMaster`), so only the fields a command needs are decoded.
export function decodeOpQuery(frame: Buffer): OpQueryRequest {
  const [fullCollectionName, afterName] = readCString(frame, HEADER_BYTES + 4, frame.length);
  const queryOffset = afterName + 8;
  const size = frame.readInt32LE(queryOffset);
  return { fullCollectionName, query: deserializeAt(frame, queryOffset, size, frame.length) };
}

export function encodeOpReply(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const frame = Buffer.alloc(HEADER_BYTES + 20 + body.length);
  writeHeader(frame, { length: frame.length, requestId, responseTo, opCode: OP_REPLY });
  frame.writeInt32LE(0, HEADER_BYTES);
  frame.writeBigInt64LE(0n, HEADER_BYTES + 4);
  frame.writeInt32LE(0, HEADER_BYTES + 12);
  frame.writeInt32LE(1, HEADER_BYTES + 16);
  frame.set(body, HEADER_BYTES + 20);
  return frame;
}
