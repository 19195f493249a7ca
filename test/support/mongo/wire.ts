import { ProtocolError } from "./errors.ts";

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const HEADER_BYTES = 16;
export const MAX_MESSAGE_BYTES = 48_000_000;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export function readHeader(frame: Buffer): MessageHeader {
  return {
    length: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

export function writeHeader(frame: Buffer, header: MessageHeader): void {
  frame.writeInt32LE(header.length, 0);
  frame.writeInt32LE(header.requestId, 4);
  frame.writeInt32LE(header.responseTo, 8);
  frame.writeInt32LE(header.opCode, 12);
}

/** Reads a NUL-terminated string, returning it with the offset just past the terminator. */
export function readCString(frame: Buffer, offset: number, end: number): [string, number] {
  const nul = frame.indexOf(0, offset);
  if (nul < 0 || nul >= end) throw new ProtocolError("unterminated cstring");
  return [frame.toString("utf8", offset, nul), nul + 1];
}

/**
 * Splits a TCP byte stream into whole messages. Chunks are kept apart until a message is
 * complete so a large insert arriving in many chunks is copied once, not once per chunk.
 */
export class FrameReader {
  #chunks: Buffer[] = [];
  #buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    const frames: Buffer[] = [];
    for (let length = this.#peekLength(); length !== undefined; length = this.#peekLength()) {
      if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) {
        throw new ProtocolError(`invalid message length ${length}`);
      }
      if (this.#buffered < length) break;
      const all = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks);
      frames.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.#chunks = rest.length > 0 ? [rest] : [];
      this.#buffered = rest.length;
    }
    return frames;
  }

  #peekLength(): number | undefined {
    if (this.#buffered < 4) return undefined;
    const first = this.#chunks[0] as Buffer;
    if (first.length >= 4) return first.readInt32LE(0);
    const joined = Buffer.concat(this.#chunks);
    this.#chunks = [joined];
    return joined.readInt32LE(0);
  }
}
