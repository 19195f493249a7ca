import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCrc32c } from "./crc32c.ts";
import { startMongoServer } from "./index.ts";
import { buildOpMsg, buildOpQuery, readReplyDocument, sendRaw } from "./raw-client.ts";

// Wire-level behaviour of the stand-in itself: bytes no driver 7 would send.
describe("mongo test server wire protocol", () => {
  let server: Awaited<ReturnType<typeof startMongoServer>>;
  let connection: mongoose.Connection;

  beforeAll(async () => {
    server = await startMongoServer();
    connection = await mongoose.createConnection(server.uri.replace("/?", "/wire?")).asPromise();
  });

  afterAll(async () => {
    await connection.close();
    await server.close();
  });

  it.each(["ismaster", "isMaster", "hello"])(
    "answers a legacy OP_QUERY %s to admin.$cmd with an OP_REPLY",
    async (name) => {
      const reply = await sendRaw(
        server.port,
        buildOpQuery(7, "admin.$cmd", {
          [name]: 1,
          helloOk: true,
          client: { driver: { name: "pymongo", version: "3.13" } },
        }),
      );
      const frame = reply as Buffer;
      expect([frame.readInt32LE(12), frame.readInt32LE(8)]).toEqual([1, 7]); // OP_REPLY to request 7
      const doc = readReplyDocument(frame);
      expect(doc).toMatchObject({ ok: 1, helloOk: true, maxWireVersion: 21, minWireVersion: 0 });
      expect(doc[name === "hello" ? "isWritablePrimary" : "ismaster"]).toBe(true);
      expect(doc.setName).toBeUndefined();
    },
  );

  it("unwraps a $query-wrapped OP_QUERY handshake and refuses other OP_QUERY commands", async () => {
    const wrapped = await sendRaw(
      server.port,
      buildOpQuery(1, "admin.$cmd", {
        $query: { ismaster: 1 },
        $readPreference: { mode: "primaryPreferred" },
      }),
    );
    expect(readReplyDocument(wrapped as Buffer)).toMatchObject({ ok: 1, ismaster: true });
    const find = await sendRaw(server.port, buildOpQuery(2, "wire.$cmd", { find: "users" }));
    expect(readReplyDocument(find as Buffer)).toMatchObject({ ok: 0, code: 352 });
  });

  it("accepts lsid and $clusterTime and kind-1 document sequences in OP_MSG", async () => {
    const message = buildOpMsg(3, {
      body: {
        insert: "sequenced",
        $db: "wire",
        lsid: { id: new mongoose.mongo.UUID() },
        $clusterTime: {
          clusterTime: new mongoose.mongo.Timestamp({ t: 1, i: 1 }),
          signature: { hash: Buffer.alloc(20), keyId: 0 },
        },
      },
      sequences: [
        [
          "documents",
          [
            { _id: 1, a: "x" },
            { _id: 2, a: "y" },
          ],
        ],
      ],
    });
    const reply = readReplyDocument((await sendRaw(server.port, message)) as Buffer);
    expect(reply).toEqual({ n: 2, ok: 1 });
    const docs = await connection.db?.collection("sequenced").find().toArray();
    expect(docs).toEqual([
      { _id: 1, a: "x" },
      { _id: 2, a: "y" },
    ]);
  });

  it("computes CRC-32C and honours the OP_MSG checksum flag", async () => {
    expect(computeCrc32c(Buffer.from("123456789"))).toBe(0xe3069283);
    const valid = buildOpMsg(4, { body: { ping: 1, $db: "admin" }, checksum: true });
    expect(readReplyDocument((await sendRaw(server.port, valid)) as Buffer)).toEqual({ ok: 1 });
    const corrupt = Buffer.from(valid);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 1, corrupt.length - 1);
    expect(await sendRaw(server.port, corrupt)).toBe("closed");
  });

  it("closes only the connection that sends garbage and keeps serving the others", async () => {
    const garbage = [
      Buffer.from("this is not a MongoDB message, just some garbage bytes"),
      Buffer.from([0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x39, 0x05, 0, 0]),
      buildOpMsg(5, { body: { ping: 1, $db: "admin" } }).fill(0xff, 21),
      withBadElementType(buildOpMsg(6, { body: { ping: 1, $db: "admin" } })),
      Buffer.from([0x00, 0x00, 0x00, 0x00]),
    ];
    for (const bytes of garbage) expect(await sendRaw(server.port, bytes)).toBe("closed");
    const Note = connection.model("Note", new mongoose.Schema({ text: String }));
    await Note.create({ text: "still alive" });
    expect(await Note.countDocuments()).toBe(1);
    expect(await connection.db?.admin().ping()).toMatchObject({ ok: 1 });
  });
});

// Keeps every length valid but makes the first BSON element of the body an unknown type.
function withBadElementType(message: Buffer): Buffer {
  message.writeUInt8(0x99, 25);
  return message;
}
