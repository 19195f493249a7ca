import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMongoServer } from "./index.ts";

interface LoginState {
  state: string;
  expiresAt: Date;
}

const loginStateSchema = new mongoose.Schema<LoginState>({
  state: { type: String, required: true },
  expiresAt: { type: Date, required: true, index: { expireAfterSeconds: 0 } },
});

// The stand-in specifically: a real mongod sweeps only once a minute.
describe("mongo test server TTL sweep", () => {
  let server: Awaited<ReturnType<typeof startMongoServer>>;
  let connection: mongoose.Connection;

  beforeAll(async () => {
    server = await startMongoServer({ ttlSweepMs: 50 });
    connection = await mongoose.createConnection(server.uri.replace("/?", "/ttl?")).asPromise();
  });

  afterAll(async () => {
    await connection.close();
    await server.close();
  });

  it("removes documents whose TTL field has passed on the configured interval", async () => {
    const LoginState = connection.model("LoginState", loginStateSchema);
    await LoginState.init();
    const now = Date.now();
    await LoginState.create([
      { state: "expired", expiresAt: new Date(now - 1000) },
      { state: "soon", expiresAt: new Date(now + 1000) },
      { state: "later", expiresAt: new Date(now + 60_000) },
    ]);
    await expect.poll(() => LoginState.exists({ state: "expired" }), { timeout: 2000 }).toBeNull();
    expect(await LoginState.exists({ state: "soon" })).not.toBeNull();
    await expect.poll(() => LoginState.exists({ state: "soon" }), { timeout: 4000 }).toBeNull();
    expect(await LoginState.exists({ state: "later" })).not.toBeNull();
  });

  it("honours a per-index expireAfterSeconds offset", async () => {
    const events = connection.db?.collection("events");
    await events?.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    await events?.insertMany([
      { name: "old", at: new Date(Date.now() - 3601_000) },
      { name: "recent", at: new Date(Date.now() - 60_000) },
      { name: "no-date", at: "not a date" },
    ]);
    await expect.poll(() => events?.countDocuments({ name: "old" }), { timeout: 2000 }).toBe(0);
    expect(await events?.countDocuments()).toBe(2);
  });
});
