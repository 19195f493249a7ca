import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMongo } from "./index.ts";

interface Player {
  name: string;
  score?: number;
  tags?: string[];
  team?: string;
  nick?: string;
  createdBy?: string;
}

const playerSchema = new mongoose.Schema<Player>({
  name: { type: String, required: true },
  score: Number,
  tags: [String],
  team: String,
  nick: String,
  createdBy: String,
});

describe("mongo CRUD through Mongoose and the driver", () => {
  let mongo: Awaited<ReturnType<typeof startTestMongo>>;
  let connection: mongoose.Connection;
  let Player: mongoose.Model<Player>;
  const commands: string[] = [];

  beforeAll(async () => {
    mongo = await startTestMongo();
    connection = await mongoose.createConnection(mongo.uri, { monitorCommands: true }).asPromise();
    connection.getClient().on("commandStarted", (event) => commands.push(event.commandName));
    Player = connection.model("Player", playerSchema);
    await Player.init();
  });

  afterAll(async () => {
    await connection.close();
    await mongo.stop();
  });

  const seedPlayers = async () => {
    await Player.deleteMany({});
    await Player.insertMany([
      { name: "ada", score: 30, team: "red", tags: ["a"] },
      { name: "bob", score: 10, team: "blue", tags: ["b"] },
      { name: "cy", score: 20, team: "red", tags: ["a", "c"] },
      { name: "di", score: 40, team: "blue" },
    ]);
  };

  it("creates each model's collection at start, before any write", async () => {
    const names = (await connection.listCollections()).map((c) => c.name);
    expect(names).toContain("players");
    expect(commands).toContain("create");
  });

  it("finds with filter, projection, sort, skip and limit", async () => {
    await seedPlayers();
    const page = await Player.find({ team: "red" }, { name: 1, score: 1, _id: 0 }).sort({ score: -1 }).lean();
    expect(page).toEqual([
      { name: "ada", score: 30 },
      { name: "cy", score: 20 },
    ]);
    const skipped = await Player.find({}).sort({ score: 1 }).skip(1).limit(2).lean();
    expect(skipped.map((p) => p.name)).toEqual(["cy", "ada"]);
    expect(await Player.findOne({ tags: "c" }).lean()).toMatchObject({ name: "cy" });
    expect(await Player.find({ score: { $gte: 20, $lt: 40 } }).countDocuments()).toBe(2);
  });

  it("evaluates aggregation expressions in filters, update conditions and projections", async () => {
    await seedPlayers();
    const players = connection.db?.collection("players");
    if (!players) throw new Error("no db");
    const above = await players
      .find({ $expr: { $gt: ["$score", 25] } }, { projection: { _id: 0, name: 1 } })
      .sort({ name: 1 })
      .toArray();
    expect(above).toEqual([{ name: "ada" }, { name: "di" }]);
    const computed = await players.findOne(
      { name: "bob" },
      { projection: { _id: 0, label: { $concat: ["$name", "@", "$team"] } } },
    );
    expect(computed).toEqual({ label: "bob@blue" });
    const raised = await players.updateMany({ $expr: { $lt: ["$score", 15] } }, { $inc: { score: 100 } });
    expect(raised.modifiedCount).toBe(1);
    expect(await players.findOne({ name: "bob" }, { projection: { _id: 0, score: 1 } })).toEqual({
      score: 110,
    });
    const sliced = await players.findOne({ name: "cy" }, { projection: { _id: 0, tags: { $slice: 1 } } });
    expect(sliced).toEqual({ tags: ["a"] });
  });

  it("returns large results in batches through getMore and closes cursors with killCursors", async () => {
    const items = connection.db?.collection("items");
    if (!items) throw new Error("no db");
    await items.insertMany(Array.from({ length: 25 }, (_, i) => ({ i })));
    commands.length = 0;
    const all = await items.find({}, { batchSize: 7 }).sort({ i: 1 }).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(commands.filter((c) => c === "getMore")).toHaveLength(3);

    const cursor = items.find({}, { batchSize: 5 });
    await cursor.next();
    const id = cursor.id;
    await cursor.close();
    expect(commands).toContain("killCursors");
    const getMore = connection.db?.command({ getMore: id, collection: "items" });
    await expect(getMore).rejects.toMatchObject({ code: 43 });
  });

  it("updates with $set, $unset, $inc, $push, $pull and counts modified documents", async () => {
    await seedPlayers();
    const set = await Player.updateOne({ name: "ada" }, { $set: { nick: "countess" }, $inc: { score: 5 } });
    expect(set).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    await Player.updateOne({ name: "ada" }, { $push: { tags: "z" }, $unset: { team: "" } });
    await Player.updateOne({ name: "cy" }, { $pull: { tags: "a" } });
    expect(await Player.findOne({ name: "ada" }).lean()).toMatchObject({
      nick: "countess",
      score: 35,
      tags: ["a", "z"],
    });
    expect((await Player.findOne({ name: "ada" }).lean())?.team).toBeUndefined();
    expect((await Player.findOne({ name: "cy" }).lean())?.tags).toEqual(["c"]);
    const unchanged = await Player.updateOne({ name: "ada" }, { $set: { nick: "countess" } });
    expect(unchanged).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    const many = await Player.updateMany({ team: "blue" }, { $inc: { score: 1 } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
  });

  it("upserts with $setOnInsert only on insert, and replaces whole documents", async () => {
    await seedPlayers();
    const created = await Player.updateOne(
      { name: "eve", team: "green" },
      { $set: { score: 1 }, $setOnInsert: { createdBy: "upsert" } },
      { upsert: true },
    );
    expect(created).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
    expect(await Player.findById(created.upsertedId).lean()).toMatchObject({
      name: "eve",
      team: "green",
      score: 1,
      createdBy: "upsert",
    });
    await Player.updateOne(
      { name: "eve" },
      { $set: { score: 2 }, $setOnInsert: { createdBy: "again" } },
      { upsert: true },
    );
    expect(await Player.findOne({ name: "eve" }).lean()).toMatchObject({
      score: 2,
      createdBy: "upsert",
    });

    const ranged = await Player.updateOne(
      { name: "gus", score: { $gt: 5 } },
      { $set: { team: "gold" } },
      { upsert: true },
    );
    expect(await Player.findById(ranged.upsertedId).lean()).toMatchObject({
      name: "gus",
      team: "gold",
    });

    const before = await Player.findOne({ name: "bob" }).lean();
    await Player.replaceOne({ name: "bob" }, { name: "bobby", score: 99 });
    const after = await Player.findById(before?._id).lean();
    expect(after).toMatchObject({ name: "bobby", score: 99 });
    expect(after?.team).toBeUndefined();
  });

  it("upserts by _id with $setOnInsert and $set, inserting the filter's _id", async () => {
    const things = connection.db?.collection<{ _id: string; kind?: string; seen?: number }>("things");
    if (!things) throw new Error("no database");
    const inserted = await things.findOneAndUpdate(
      { _id: "n1" },
      { $setOnInsert: { kind: "first" }, $set: { seen: 1 } },
      { upsert: true, returnDocument: "after" },
    );
    expect(inserted).toEqual({ _id: "n1", kind: "first", seen: 1 });
    const updated = await things.findOneAndUpdate(
      { _id: "n1" },
      { $setOnInsert: { kind: "second" }, $set: { seen: 2 } },
      { upsert: true, returnDocument: "after" },
    );
    expect(updated).toEqual({ _id: "n1", kind: "first", seen: 2 });
    const viaUpdate = await things.updateOne(
      { _id: "n2" },
      { $setOnInsert: { kind: "first" }, $set: { seen: 1 } },
      { upsert: true },
    );
    expect(viaUpdate).toMatchObject({ upsertedCount: 1, upsertedId: "n2" });
    const idOnInsert = await things.updateOne(
      { kind: "third" },
      { $setOnInsert: { _id: "n3" }, $set: { seen: 3 } },
      { upsert: true },
    );
    expect(idOnInsert).toMatchObject({ upsertedCount: 1, upsertedId: "n3" });
    expect(await things.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: "n1", kind: "first", seen: 2 },
      { _id: "n2", kind: "first", seen: 1 },
      { _id: "n3", kind: "third", seen: 3 },
    ]);
  });

  it("deletes one or many documents", async () => {
    await seedPlayers();
    expect(await Player.deleteOne({ team: "red" })).toMatchObject({ deletedCount: 1 });
    expect(await Player.deleteMany({ team: "blue" })).toMatchObject({ deletedCount: 2 });
    expect(await Player.countDocuments()).toBe(1);
  });

  it("runs findAndModify with new, upsert and remove", async () => {
    await seedPlayers();
    const before = await Player.findOneAndUpdate(
      { name: "ada" },
      { $inc: { score: 1 } },
      { returnDocument: "before" },
    ).lean();
    expect(before?.score).toBe(30);
    const after = await Player.findOneAndUpdate(
      { name: "ada" },
      { $inc: { score: 1 } },
      { returnDocument: "after" },
    ).lean();
    expect(after?.score).toBe(32);
    const lowest = await Player.findOneAndUpdate(
      {},
      { $set: { nick: "low" } },
      { sort: { score: 1 }, returnDocument: "after" },
    ).lean();
    expect(lowest).toMatchObject({ name: "bob", nick: "low" });
    const upserted = await Player.findOneAndUpdate(
      { name: "fay" },
      { $setOnInsert: { score: 7 } },
      { upsert: true, returnDocument: "after" },
    ).lean();
    expect(upserted).toMatchObject({ name: "fay", score: 7 });
    const missing = await Player.findOneAndUpdate({ name: "nobody" }, { $set: { score: 1 } }).lean();
    expect(missing).toBeNull();
    const removed = await Player.findOneAndDelete({ name: "cy" }).lean();
    expect(removed?.name).toBe("cy");
    expect(await Player.exists({ name: "cy" })).toBeNull();
    expect(commands).toContain("findAndModify");
  });

  it("counts with an aggregate of $match and $group, and answers distinct", async () => {
    await seedPlayers();
    commands.length = 0;
    expect(await Player.countDocuments({ team: "red" })).toBe(2);
    expect(commands).toContain("aggregate");
    expect(await Player.estimatedDocumentCount()).toBe(4);
    const teams = await connection.db?.collection("players").distinct("team");
    expect(teams?.sort()).toEqual(["blue", "red"]);
    const tags = await connection.db?.collection("players").distinct("tags", { team: "red" });
    expect(tags?.sort()).toEqual(["a", "c"]);
    const grouped = await Player.aggregate<{ _id: string; total: number }>([
      { $group: { _id: "$team", total: { $sum: "$score" } } },
      { $sort: { _id: 1 } },
    ]);
    expect(grouped).toEqual([
      { _id: "blue", total: 50 },
      { _id: "red", total: 50 },
    ]);
  });

  it("leaves stored documents untouched by aggregation stages that reshape them", async () => {
    const stats = connection.db?.collection<{ _id: string; totals: object }>("stats");
    await stats?.insertOne({ _id: "hal", totals: { wins: 1, losses: 2 } });
    const reshaped = await stats
      ?.aggregate([{ $set: { "totals.wins": 99 } }, { $unset: "totals.losses" }])
      .toArray();
    expect(reshaped).toEqual([{ _id: "hal", totals: { wins: 99 } }]);
    expect(await stats?.findOne({})).toEqual({ _id: "hal", totals: { wins: 1, losses: 2 } });
  });

  it("joins another collection with $unionWith, by index or by scan, leaving both untouched", async () => {
    await seedPlayers();
    const teams = connection.db?.collection<{ _id: string; color: string }>("teams");
    await teams?.deleteMany({});
    await teams?.insertMany([
      { _id: "red", color: "#f00" },
      { _id: "blue", color: "#00f" },
    ]);
    const union = (match: object) =>
      Player.aggregate([
        { $match: { team: "red" } },
        { $group: { _id: null, players: { $sum: 1 } } },
        {
          $unionWith: { coll: "teams", pipeline: [{ $match: match }, { $replaceWith: { team: "$$ROOT" } }] },
        },
      ]);
    // `_id` is looked up in the index; `color` is not indexed, so the whole collection is read.
    expect(await union({ _id: "red" })).toEqual([
      { _id: null, players: 2 },
      { team: { _id: "red", color: "#f00" } },
    ]);
    expect(await union({ color: "#00f" })).toEqual([
      { _id: null, players: 2 },
      { team: { _id: "blue", color: "#00f" } },
    ]);
    expect(await union({ _id: "green" })).toEqual([{ _id: null, players: 2 }]);
    expect(
      await Player.aggregate([
        { $match: { name: "nobody" } },
        { $unionWith: { coll: "absent", pipeline: [{ $match: { _id: 1 } }] } },
      ]),
    ).toEqual([]);
    expect(await teams?.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: "blue", color: "#00f" },
      { _id: "red", color: "#f00" },
    ]);
  });

  it("lists, drops and recreates collections, indexes and the database", async () => {
    const db = connection.db;
    if (!db) throw new Error("no db");
    await db.createCollection("scratch");
    await db.collection("scratch").createIndex({ label: 1 }, { name: "label_1" });
    const indexes = await db.collection("scratch").listIndexes().toArray();
    expect(indexes.map((i) => i.name)).toEqual(["_id_", "label_1"]);
    await db.collection("scratch").dropIndex("label_1");
    expect((await db.collection("scratch").listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_"]);
    await expect(db.collection("scratch").dropIndex("nope_1")).rejects.toMatchObject({ code: 27 });
    expect(await db.collection("scratch").drop()).toBe(true);
    expect((await db.listCollections({ name: "scratch" }).toArray()).length).toBe(0);
    await expect(db.collection("scratch").listIndexes().toArray()).rejects.toMatchObject({
      code: 26,
    });
    await db.collection("scratch").insertOne({ label: "back" });
    expect(await db.listCollections({}, { nameOnly: true }).toArray()).toContainEqual(
      expect.objectContaining({ name: "scratch" }),
    );
    await db.dropDatabase();
    expect(await db.listCollections().toArray()).toEqual([]);
  });
});
