import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOutboxWorker } from "../src/linking/outbox/index.ts";
import { createLogger } from "../src/log.ts";
import { connectMongo } from "../src/storage/connect.ts";
import {
  type ClaimedJob,
  countOpenJobs,
  createStorage,
  enqueueJobs,
  type JobOutcome,
  type Storage,
} from "../src/storage/index.ts";
import { startTestMongo, type TestMongo } from "./support/mongo/index.ts";

/**
 * Several workers (as several bot processes) share one outbox; each claims every due job its
 * free slots can take at once and records outcomes together. Every job must still run exactly
 * once, and a job waiting on another must run after it, with its outcome.
 */
let mongo: TestMongo;
let storage: Storage;
beforeAll(async () => {
  mongo = await startTestMongo();
  storage = await createStorage(await connectMongo(mongo.uri), { allowSharedGithub: false });
});
afterAll(async () => {
  await storage?.connection.close();
  await mongo?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("outbox workers racing for the same jobs", () => {
  it("run every job once, and a waiting job after the one it waits on, with its outcome", async () => {
    const ran: Array<{ id: string; previous: JobOutcome | null; at: number }> = [];
    const perform = async (claim: ClaimedJob): Promise<JobOutcome> => {
      ran.push({ id: claim.id, previous: claim.previous, at: ran.length });
      // Jobs of uneven length, so outcomes pile up while one is being recorded.
      await sleep(Math.random() * 15);
      return { sent: claim.id };
    };
    const jobs = Array.from({ length: 40 }, (_, i) => [
      {
        id: `first:${i}`,
        job: { kind: "relink_dm" as const, discordId: `${1000 + i}`, githubLogin: `first-${i}` },
        unblocks: `then:${i}`,
      },
      {
        id: `then:${i}`,
        job: { kind: "relink_dm" as const, discordId: `${1000 + i}`, githubLogin: `then-${i}` },
        blocked: true,
      },
    ]).flat();
    await enqueueJobs(storage, jobs);
    const log = createLogger("silent");
    const opts = { concurrency: 6, leaseMs: 10_000, pollMs: 20 };
    const workers = [1, 2, 3].map(() => startOutboxWorker({ storage, perform, log }, opts));
    try {
      while ((await countOpenJobs(storage)) > 0) await sleep(20);
    } finally {
      await Promise.all(workers.map((w) => w.stop(1_000)));
    }

    expect(ran.map((r) => r.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    for (let i = 0; i < 40; i++) {
      const first = ran.find((r) => r.id === `first:${i}`);
      const then = ran.find((r) => r.id === `then:${i}`);
      expect(then?.previous).toEqual({ sent: `first:${i}` });
      expect(then?.at).toBeGreaterThan(first?.at ?? Infinity);
    }
    const stored = await storage.outbox.find({}, { status: 1, attempts: 1 }).lean().exec();
    expect(stored.map((s) => [s.status, s.attempts])).toEqual(jobs.map(() => ["done", 1]));
  });

  it("run the jobs one of them took as they were written once, the waiting one handed on to it, and a repeated write of them not again", async () => {
    await storage.outbox.deleteMany({}).exec();
    const ran: Array<{ id: string; by: number; previous: JobOutcome | null }> = [];
    const performBy =
      (by: number) =>
      async (claim: ClaimedJob): Promise<JobOutcome> => {
        ran.push({ id: claim.id, by, previous: claim.previous });
        await sleep(Math.random() * 15);
        return { sent: claim.id };
      };
    const jobs = Array.from({ length: 20 }, (_, i) => [
      {
        id: `edit:${i}`,
        job: { kind: "relink_dm" as const, discordId: `${2000 + i}`, githubLogin: `edit-${i}` },
        unblocks: `dm:${i}`,
        urgent: true,
        // A link change's effect: its writer's worker holds it even beyond its slots.
        guard: { discordId: `${2000 + i}`, linkedAt: new Date(), decideBy: new Date(Date.now() + 60_000) },
      },
      {
        id: `dm:${i}`,
        job: { kind: "relink_dm" as const, discordId: `${2000 + i}`, githubLogin: `dm-${i}` },
        blocked: true,
      },
    ]).flat();
    const log = createLogger("silent");
    const opts = { concurrency: 8, leaseMs: 10_000, pollMs: 20 };
    const workers = [0, 1, 2].map((by) => startOutboxWorker({ storage, perform: performBy(by), log }, opts));
    try {
      const write = async (by: number) => {
        const now = new Date();
        const taking = workers[by]!.take(jobs, now);
        taking.written(await enqueueJobs(storage, taking.jobs, now));
        return taking.jobs.filter((j) => j.lease).map((j) => j.id);
      };
      const taken = await write(0);
      // The same effects written again (a repeated confirmation): stored once, run once.
      expect(await write(1)).not.toHaveLength(0);
      workers.forEach((w) => w.wake());
      while ((await countOpenJobs(storage)) > 0) await sleep(20);

      // Every edit: a worker holds a change's effects it writes (up to 8 a slot), waiting for a slot in memory.
      expect(taken).toHaveLength(20);
      expect(ran.map((r) => r.id).sort()).toEqual(jobs.map((j) => j.id).sort());
      for (const id of taken) {
        const dm = id.replace("edit:", "dm:");
        expect(ran.filter((r) => r.id === id)).toEqual([{ id, by: 0, previous: null }]);
        // Handed on: run by the worker that ran the edit, after it, with its outcome.
        expect(ran.filter((r) => r.id === dm)).toEqual([{ id: dm, by: 0, previous: { sent: id } }]);
      }
      const stored = await storage.outbox.find({}, { status: 1, attempts: 1 }).lean().exec();
      expect(stored.map((s) => [s.status, s.attempts])).toEqual(jobs.map(() => ["done", 1]));
    } finally {
      await Promise.all(workers.map((w) => w.stop(1_000)));
    }
  });
});
