import { BSON, type Document } from "bson";
import net from "node:net";
import { computeCrc32c } from "./crc32c.ts";
import { FrameReader, HEADER_BYTES, OP_MSG, OP_QUERY, readHeader, writeHeader } from "./wire.ts";

// Hand-built messages for wire-level tests, where the driver would never send what we need.

export function buildOpQuery(requestId: number, fullCollectionName: string, query: Document): Buffer {
  const name = Buffer.from(`${fullCollectionName}\0`, "utf8");
  const body = Buffer.concat([
    Buffer.alloc(4),
    name,
    int32(0),
    int32(-1),
    Buffer.from(BSON.serialize(query)),
  ]);
  return frame(requestId, OP_QUERY, body);
}

export interface OpMsgParts {
  body: Document;
  sequences?: [string, Document[]][];
  checksum?: boolean;
}

export function buildOpMsg(requestId: number, parts: OpMsgParts): Buffer {
  const sections: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(parts.body))];
  for (const [identifier, docs] of parts.sequences ?? []) {
    const payload = Buffer.concat([
      Buffer.from(`${identifier}\0`, "utf8"),
      ...docs.map((doc) => Buffer.from(BSON.serialize(doc))),
    ]);
    sections.push(Buffer.from([1]), int32(payload.length + 4), payload);
  }
  const flags = int32(parts.checksum ? 1 : 0);
  const message = frame(requestId, OP_MSG, Buffer.concat([flags, ...sections]), parts.checksum);
  if (parts.checksum) message.writeUInt32LE(computeCrc32c(message.subarray(0, -4)), message.length - 4);
  return message;
}

/** The document of an OP_REPLY or OP_MSG reply frame. */
export function readReplyDocument(reply: Buffer): Document {
  const { opCode } = readHeader(reply);
  const offset = opCode === OP_MSG ? HEADER_BYTES + 5 : HEADER_BYTES + 20;
  return BSON.deserialize(reply.subarray(offset, offset + reply.readInt32LE(offset)));
}

/** Sends bytes on a fresh socket; resolves with the first reply frame, or "closed". */
export function sendRaw(port: number, bytes: Buffer): Promise<Buffer | "closed"> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const reader = new FrameReader();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no reply and no close within 2 s"));
    }, 2000);
    socket.on("data", (chunk) => {
      const [reply] = reader.push(chunk);
      if (!reply) return;
      clearTimeout(timer);
      socket.end();
      resolve(reply);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve("closed");
    });
    socket.on("error", () => undefined);
    socket.write(bytes);
  });
}

function frame(requestId: number, opCode: number, body: Buffer, checksum = false): Buffer {
  const message = Buffer.alloc(HEADER_BYTES + body.length + (checksum ? 4 : 0));
  writeHeader(message, { length: message.length, requestId, responseTo: 0, opCode });
  body.copy(message, HEADER_BYTES);
  return message;
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value);
  return buffer;
}
