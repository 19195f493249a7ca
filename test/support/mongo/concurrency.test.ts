import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestMongo } from "./index.ts";

interface Link {
  discordId: string;
  hits?: number;
  firstSeen?: Date;
}

const linkSchema = new mongoose.Schema<Link>({
  discordId: { type: String, required: true, unique: true },
  hits: Number,
  firstSeen: Date,
});

const CONNECTIONS = 4;
const OPERATIONS = 200;

describe("mongo concurrency", () => {
  let mongo: Awaited<ReturnType<typeof startTestMongo>>;
  let connections: mongoose.Connection[];
  let models: mongoose.Model<Link>[];

  beforeAll(async () => {
    mongo = await startTestMongo();
    connections = await Promise.all(
      Array.from({ length: CONNECTIONS }, () =>
        mongoose.createConnection(mongo.uri, { maxPoolSize: 20 }).asPromise(),
      ),
    );
    models = connections.map((connection) => connection.model("Link", linkSchema));
    await Promise.all(models.map((model) => model.init()));
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await mongo.stop();
  });

  const modelFor = (i: number) => models[i % CONNECTIONS] as mongoose.Model<Link>;

  it("leaves exactly one document after 200 concurrent upserts of the same key", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: OPERATIONS }, (_, i) =>
        modelFor(i).updateOne(
          { discordId: "racer" },
          { $inc: { hits: 1 }, $setOnInsert: { firstSeen: new Date() } },
          { upsert: true },
        ),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const docs = await modelFor(0).find({ discordId: "racer" }).lean();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.hits).toBe(OPERATIONS);
  });

  it("gives one success and 199 duplicate-key errors for 200 concurrent inserts", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: OPERATIONS }, (_, i) => modelFor(i).create({ discordId: "first-wins" })),
    );
    const rejected = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(OPERATIONS - 1);
    for (const result of rejected) expect(result.reason).toMatchObject({ code: 11000 });
    expect(await modelFor(1).countDocuments({ discordId: "first-wins" })).toBe(1);
  });
});
