import { BSON, type Document } from "bson";
import { computeCrc32c } from "./crc32c.ts";
import { ProtocolError } from "./errors.ts";
import { HEADER_BYTES, OP_MSG, readCString, writeHeader } from "./wire.ts";

const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
// Bits 0-15 are "required": a peer must reject flags it does not understand there.
const KNOWN_REQUIRED_FLAGS = CHECKSUM_PRESENT | MORE_TO_COME;

export interface OpMsgRequest {
  command: Document;
  moreToCome: boolean;
}

export function decodeOpMsg(frame: Buffer): OpMsgRequest {
  const flags = frame.readUInt32LE(HEADER_BYTES);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_FLAGS) !== 0) {
    throw new ProtocolError(`unknown required OP_MSG flags ${flags}`);
  }
  const end = flags & CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  if (flags & CHECKSUM_PRESENT) verifyChecksum(frame, end);
  let body: Document | undefined;
  const sequences: [string, Document[]][] = [];
  let offset = HEADER_BYTES + 4;
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    if (kind === 0) {
      if (body) throw new ProtocolError("OP_MSG with more than one body section");
      const size = frame.readInt32LE(offset + 1);
      body = deserializeAt(frame, offset + 1, size, end);
      offset += 1 + size;
    } else if (kind === 1) {
      const size = frame.readInt32LE(offset + 1);
      const sectionEnd = offset + 1 + size;
      if (size < 5 || sectionEnd > end) throw new ProtocolError("bad document sequence size");
      sequences.push(readSequence(frame, offset + 5, sectionEnd));
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError("OP_MSG without a body section");
  for (const [identifier, documents] of sequences) {
    if (identifier in body) throw new ProtocolError(`duplicate field ${identifier}`);
    body[identifier] = documents;
  }
  return { command: body, moreToCome: (flags & MORE_TO_COME) !== 0 };
}

export function encodeOpMsg(requestId: number, responseTo: number, reply: Document): Buffer {
  const body = BSON.serialize(reply);
  const frame = Buffer.alloc(HEADER_BYTES + 5 + body.length);
  writeHeader(frame, { length: frame.length, requestId, responseTo, opCode: OP_MSG });
  frame.writeUInt32LE(0, HEADER_BYTES);
  frame.writeUInt8(0, HEADER_BYTES + 4);
  frame.set(body, HEADER_BYTES + 5);
  return frame;
}

export function deserializeAt(frame: Buffer, offset: number, size: number, end: number): Document {
  if (size < 5 || offset + size > end) throw new ProtocolError("bad BSON document size");
  return BSON.deserialize(frame.subarray(offset, offset + size));
}

function readSequence(frame: Buffer, start: number, end: number): [string, Document[]] {
  const [identifier, first] = readCString(frame, start, end);
  const documents: Document[] = [];
  for (let offset = first; offset < end;) {
    const size = frame.readInt32LE(offset);
    documents.push(deserializeAt(frame, offset, size, end));
    offset += size;
  }
  return [identifier, documents];
}

function verifyChecksum(frame: Buffer, end: number): void {
  if (end < HEADER_BYTES + 4) throw new ProtocolError("message too short for a checksum");
  if (computeCrc32c(frame.subarray(0, end)) !== frame.readUInt32LE(end)) {
    throw new ProtocolError("OP_MSG checksum mismatch");
  }
}
