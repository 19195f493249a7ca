import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMongo } from "./index.ts";
import { withDatabase } from "./test-mongo.ts";

describe("mongo handshake and admin commands through the driver", () => {
  let mongo: Awaited<ReturnType<typeof startTestMongo>>;
  let connection: mongoose.Connection;
  const sent: mongoose.mongo.CommandStartedEvent[] = [];

  beforeAll(async () => {
    mongo = await startTestMongo();
    connection = await mongoose.createConnection(mongo.uri, { monitorCommands: true }).asPromise();
    connection.getClient().on("commandStarted", (event) => sent.push(event));
  });

  afterAll(async () => {
    await connection.close();
    await mongo.stop();
  });

  const admin = () => {
    if (!connection.db) throw new Error("not connected");
    return connection.db.admin();
  };

  it("answers hello as a writable primary the driver supports", async () => {
    const hello = await admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      ok: 1,
      isWritablePrimary: true,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(8);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  });

  it("answers ping and buildInfo", async () => {
    expect(await admin().ping()).toMatchObject({ ok: 1 });
    const info = await admin().buildInfo();
    expect(info.version).toMatch(/^\d+\.\d+/);
  });

  it("accepts lsid on every command and ends sessions", async () => {
    const session = connection.getClient().startSession();
    const notes = connection.db?.collection("notes");
    await notes?.insertOne({ text: "in a session" }, { session });
    expect(await notes?.findOne({}, { session })).toMatchObject({ text: "in a session" });
    const lsid = session.id;
    await session.endSession();
    expect(sent.find((event) => event.commandName === "insert")?.command.lsid).toBeDefined();
    expect(await admin().command({ endSessions: [lsid] })).toMatchObject({ ok: 1 });
  });

  it("rejects an unknown command with code 59 CommandNotFound", async () => {
    await expect(admin().command({ launchRocket: 1 })).rejects.toMatchObject({
      name: "MongoServerError",
      code: 59,
      codeName: "CommandNotFound",
    });
    expect(await admin().ping()).toMatchObject({ ok: 1 });
  });

  it("builds per-suite URIs with a fresh database name", () => {
    expect(withDatabase("mongodb://h:1/?directConnection=true", "t1")).toBe(
      "mongodb://h:1/t1?directConnection=true",
    );
    expect(withDatabase("mongodb://u:p@a:1,b:2/old?replicaSet=rs", "t2")).toBe(
      "mongodb://u:p@a:1,b:2/t2?replicaSet=rs",
    );
    expect(withDatabase("mongodb://h", "t3")).toBe("mongodb://h/t3");
    expect(mongo.uri).toMatch(/\/octolink_test_[^/?]+(\?|$)/);
  });
});
