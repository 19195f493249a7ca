import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMongo } from "./index.ts";

interface Member {
  email: string;
  guildId: string;
  discordId: string;
  profile?: { login?: string };
  githubId?: number;
  nick?: string;
}

const memberSchema = new mongoose.Schema<Member>({
  email: { type: String, required: true, unique: true },
  guildId: { type: String, required: true },
  discordId: { type: String, required: true },
  profile: { login: String },
  githubId: Number,
  nick: { type: String, unique: true, sparse: true },
});
memberSchema.index({ guildId: 1, discordId: 1 }, { unique: true });
memberSchema.index({ "profile.login": 1 }, { unique: true, sparse: true });
memberSchema.index(
  { githubId: 1 },
  { unique: true, partialFilterExpression: { githubId: { $exists: true } } },
);

const duplicateKey = (keyValue: Record<string, unknown>) =>
  expect.objectContaining({
    name: "MongoServerError",
    code: 11000,
    keyValue,
    message: expect.stringMatching(
      /^E11000 duplicate key error collection: \S+\.members index: \S+ dup key: \{ /,
    ),
  });

describe("mongo indexes", () => {
  let mongo: Awaited<ReturnType<typeof startTestMongo>>;
  let connection: mongoose.Connection;
  let Member: mongoose.Model<Member>;
  let serial = 0;
  const member = (extra: Partial<Member> = {}): Member => {
    serial++;
    return { email: `m${serial}@x.test`, guildId: "g1", discordId: `d${serial}`, ...extra };
  };

  beforeAll(async () => {
    mongo = await startTestMongo();
    connection = await mongoose.createConnection(mongo.uri).asPromise();
    Member = connection.model("Member", memberSchema);
    await Member.init();
  });

  afterAll(async () => {
    await connection.close();
    await mongo.stop();
  });

  it("$or of indexed clauses finds what each clause matches, with the rest of the filter applied", async () => {
    const [a, b, c] = [member({ nick: "or-a" }), member({ nick: "or-b" }), member({ nick: "or-c" })];
    await Member.create([a, b, c]);
    const found = await Member.find({ $or: [{ email: a.email }, { nick: "or-b" }, { email: "none@x.test" }] })
      .lean()
      .exec();
    expect(found.map((m) => m.nick).sort()).toEqual(["or-a", "or-b"]);
    const narrowed = await Member.find({
      $or: [{ email: a.email }, { nick: "or-b" }],
      discordId: b.discordId,
    })
      .lean()
      .exec();
    expect(narrowed.map((m) => m.nick)).toEqual(["or-b"]);
  });

  it("creates the schema's unique indexes with their options", async () => {
    const indexes = await Member.listIndexes();
    const byName = Object.fromEntries(indexes.map((index) => [index.name, index]));
    expect(byName.email_1).toMatchObject({ key: { email: 1 }, unique: true });
    expect(byName.guildId_1_discordId_1).toMatchObject({ unique: true });
    expect(byName["profile.login_1"]).toMatchObject({ unique: true, sparse: true });
    expect(byName.githubId_1).toMatchObject({
      partialFilterExpression: { githubId: { $exists: true } },
    });
  });

  it("rejects a duplicate single-field key on insert with E11000 and keyValue", async () => {
    await Member.create(member({ email: "same@x.test" }));
    await expect(Member.create(member({ email: "same@x.test" }))).rejects.toEqual(
      duplicateKey({ email: "same@x.test" }),
    );
  });

  it("enforces compound and nested unique keys", async () => {
    await Member.create(member({ guildId: "g2", discordId: "u1" }));
    await Member.create(member({ guildId: "g3", discordId: "u1" }));
    await expect(Member.create(member({ guildId: "g2", discordId: "u1" }))).rejects.toEqual(
      duplicateKey({ guildId: "g2", discordId: "u1" }),
    );
    await Member.create(member({ profile: { login: "octocat" } }));
    await expect(Member.create(member({ profile: { login: "octocat" } }))).rejects.toEqual(
      duplicateKey({ "profile.login": "octocat" }),
    );
  });

  it("lets sparse and partial unique fields be absent on many documents", async () => {
    await Member.create([member(), member(), member()]);
    await Member.create(member({ githubId: 42, nick: "neo" }));
    await expect(Member.create(member({ githubId: 42 }))).rejects.toEqual(duplicateKey({ githubId: 42 }));
    await expect(Member.create(member({ nick: "neo" }))).rejects.toEqual(duplicateKey({ nick: "neo" }));
  });

  it("rejects updates and upserts that would duplicate a key", async () => {
    const taken = await Member.create(member({ nick: "taken" }));
    const other = await Member.create(member());
    await expect(Member.updateOne({ _id: other._id }, { $set: { email: taken.email } })).rejects.toEqual(
      duplicateKey({ email: taken.email }),
    );
    await expect(
      Member.updateOne(
        { email: "fresh@x.test" },
        { $set: { nick: "taken" }, $setOnInsert: { guildId: "g9", discordId: "fresh" } },
        { upsert: true },
      ),
    ).rejects.toEqual(duplicateKey({ nick: "taken" }));
    await expect(
      Member.findOneAndUpdate(
        { email: "fresh@x.test" },
        { $set: { nick: "taken", guildId: "g9", discordId: "fresh" } },
        { upsert: true },
      ),
    ).rejects.toEqual(duplicateKey({ nick: "taken" }));
    expect(await Member.exists({ email: "fresh@x.test" })).toBeNull();
    expect(await Member.findById(other._id).lean()).toMatchObject({ email: other.email });
  });

  it("frees a unique key when its document changes or goes away", async () => {
    const first = await Member.create(member({ email: "moving@x.test" }));
    await Member.updateOne({ _id: first._id }, { $set: { email: "moved@x.test" } });
    await Member.create(member({ email: "moving@x.test" }));
    await Member.deleteOne({ email: "moved@x.test" });
    await Member.create(member({ email: "moved@x.test" }));
  });

  it("reports each duplicate of an unordered insertMany as a write error", async () => {
    const docs = [member({ email: "bulk@x.test" }), member({ email: "bulk@x.test" }), member()];
    const error = await Member.insertMany(docs, { ordered: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 11000,
      insertedDocs: [expect.anything(), expect.anything()],
    });
  });

  it("refuses to build a unique index over existing duplicates", async () => {
    const loose = connection.db?.collection("loose");
    await loose?.insertMany([{ code: "a" }, { code: "a" }]);
    await expect(loose?.createIndex({ code: 1 }, { unique: true })).rejects.toMatchObject({
      code: 11000,
    });
    expect((await loose?.listIndexes().toArray())?.map((i) => i.name)).toEqual(["_id_"]);
  });

  it("answers equality queries on a non-unique index as a scan would, through inserts, updates and deletes", async () => {
    const states = connection.db?.collection<{ owner: string; n: number; tags?: string[] }>("states");
    if (!states) throw new Error("no database");
    await states.insertMany([
      { owner: "a", n: 1 },
      { owner: "b", n: 2 },
      { owner: "a", n: 3 },
    ]);
    // Built over existing documents, then kept up by every later write.
    await states.createIndex({ owner: 1 });
    await states.insertMany([
      { owner: "a", n: 4 },
      { owner: "c", n: 5 },
    ]);
    const ns = async (filter: Record<string, unknown>) =>
      (await states.find(filter, { projection: { _id: 0, n: 1 } }).toArray()).map((doc) => doc.n);

    expect(await ns({ owner: "a" })).toEqual([1, 3, 4]);
    expect(await ns({ owner: { $in: ["c", "b"] } })).toEqual([2, 5]);
    expect(await ns({ owner: "a", n: { $gt: 1 } })).toEqual([3, 4]);
    expect(await states.countDocuments({ owner: "a" })).toBe(3);

    await states.updateOne({ n: 1 }, { $set: { owner: "b" } });
    await states.updateMany({ owner: "a" }, { $set: { owner: "d" } });
    await states.deleteOne({ n: 5 });
    expect(await ns({ owner: "a" })).toEqual([]);
    expect(await ns({ owner: "b" })).toEqual([1, 2]);
    expect(await ns({ owner: "d" })).toEqual([3, 4]);
    expect(await ns({ owner: "c" })).toEqual([]);
    expect(await ns({ owner: null })).toEqual([]);

    await states.insertOne({ owner: "e", n: 6, tags: ["x", "y"] });
    await states.createIndex({ tags: 1 });
    expect(await ns({ tags: "y" })).toEqual([6]);
    await states.dropIndex("owner_1");
    expect(await ns({ owner: "b" })).toEqual([1, 2]);
  });

  it("stores TTL indexes with expireAfterSeconds", async () => {
    const sessions = connection.db?.collection("sessions");
    await sessions?.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    const ttl = (await sessions?.listIndexes().toArray())?.find((i) => i.name === "expiresAt_1");
    expect(ttl).toMatchObject({ key: { expiresAt: 1 }, expireAfterSeconds: 0 });
  });

  it("reads a queue in compound-index order as a collection scan would: claims, reversed sorts, limits, after updates", async () => {
    const db = connection.db;
    if (!db) throw new Error("no database");
    type Job = { _id: string; status?: string; priority: number; runAt: Date };
    const [indexed, plain] = [db.collection<Job>("queue_indexed"), db.collection<Job>("queue_plain")];
    await indexed.createIndex({ status: 1, priority: 1, runAt: 1 });
    // Seeded so the run is the same every time; a few ties on priority and runAt.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const doc = (i: number) => ({
      _id: `job-${i}`,
      status: ["queued", "done", "blocked"][next(3)],
      priority: next(2),
      runAt: new Date(1_000 + next(5) * 1_000),
    });
    const docs = Array.from({ length: 200 }, (_, i) => doc(i));
    await Promise.all([indexed.insertMany(docs), plain.insertMany(docs)]);

    const now = new Date(3_500);
    const claim = (c: typeof plain) =>
      c.findOneAndUpdate(
        { status: "queued", runAt: { $lte: now } },
        { $set: { status: "running" } },
        { sort: { priority: 1, runAt: 1 }, returnDocument: "after" },
      );
    const ids = async (c: typeof plain, sort: Record<string, 1 | -1>, limit: number) =>
      (await c.find({ status: "queued" }).sort(sort).limit(limit).toArray()).map((d) => d._id);
    // Read backwards, an index gives ties in reverse natural order (mongod's too): compare the keys.
    const keys = async (c: typeof plain, limit: number) =>
      (await c.find({ status: "queued" }).sort({ priority: -1, runAt: -1 }).limit(limit).toArray()).map(
        (d) => [d.priority, d.runAt],
      );

    for (let round = 0; round < 30; round++) {
      expect((await claim(indexed))?._id).toBe((await claim(plain))?._id);
      const moved = { _id: `job-${next(200)}` };
      const change = {
        $set: { status: "queued", priority: next(2), runAt: new Date(1_000 + next(5) * 1_000) },
      };
      await Promise.all([indexed.updateOne(moved, change), plain.updateOne(moved, change)]);
      const gone = { _id: `job-${next(200)}` };
      await Promise.all([indexed.deleteOne(gone), plain.deleteOne(gone)]);
      expect(await ids(indexed, { priority: 1, runAt: 1 }, 5)).toEqual(
        await ids(plain, { priority: 1, runAt: 1 }, 5),
      );
      expect(await keys(indexed, 9)).toEqual(await keys(plain, 9));
      // On a prefix of the index, ties on `priority` come in `runAt` order (mongod's too).
      const priorities = async (c: typeof plain) =>
        (await c.find({ status: "queued" }).sort({ priority: 1 }).limit(7).toArray()).map((d) => d.priority);
      expect(await priorities(indexed)).toEqual(await priorities(plain));
    }
  });
});
