import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../../log.ts";
import type { Storage } from "../../storage/index.ts";
import {
  type ClaimedJob,
  claimJobs,
  type JobOutcome,
  leasedClaimOf,
  type NewOutboxJob,
  releaseJob,
} from "../../storage/index.ts";
import { batchFinishes } from "./batch-finishes.ts";
import { type HeldJob, keepLeases } from "./keep-leases.ts";
import type { GuardVerdict } from "./link-guard.ts";
import { type Follower, type RunDeps, runJob } from "./run-job.ts";
import { createSlotGate } from "./slot-gate.ts";

export interface WorkerDeps {
  storage: Storage;
  perform: (claim: ClaimedJob) => Promise<JobOutcome>;
  /** Whether a job may run yet (see link-guard.ts); every job may when absent. */
  decide?: (claim: ClaimedJob) => Promise<GuardVerdict>;
  log: Logger;
}

export interface WorkerOptions {
  /** Jobs in flight at once; discord.js queues them per route and under the global budget. */
  concurrency: number;
  /** How long a claim holds; renewed while the job runs, so only a dead worker's claim runs out. */
  leaseMs: number;
  /** How often an idle worker looks for jobs written by other processes. */
  pollMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  concurrency: 16,
  leaseMs: 10_000,
  pollMs: 250,
};

/** How long a finished job waits for others to record their outcomes with it. */
const GATHER_FINISHES_MS = 30;
/** Fewer free slots than this: wait a moment for more before claiming. */
const GATHER_CLAIMS = { slots: 4, ms: 20 };

export interface OutboxWorker {
  /** Jobs were written in this process without a lease (`urgent`: some of them): look now, not at the next poll. */
  wake(urgent?: boolean): void;
  /**
   * Of `jobs` this process is about to write, leases to this worker those it has room for (reply
   * edits first, see `reserveFor`; a link change's effects beyond, see `HELD_PER_SLOT`): write
   * `jobs` as returned, then say which ids were stored, and it runs those, without a claim.
   */
  take(jobs: NewOutboxJob[], now: Date): { jobs: NewOutboxJob[]; written(stored: ReadonlySet<string>): void };
  /** Stops claiming, lets running jobs finish for up to `graceMs`, hands the rest back. */
  stop(graceMs?: number): Promise<void>;
}

/** A job leased to this worker: waiting for its change or a slot, running, or being recorded. */
interface Held extends HeldJob {
  claim: ClaimedJob;
  /** Its outcome is being recorded and the job it hands on will take its place. */
  handingOn?: boolean;
}

/**
 * Jobs a worker may hold per slot when they are its own change's (guarded): it learns first how
 * that change went (link-guard.ts), so in a burst they wait for a slot in memory rather than for
 * a claim. Other jobs (a bulk of DMs) it takes only as slots allow, and leaves to other workers.
 */
const HELD_PER_SLOT = 8;

export function startOutboxWorker(
  deps: WorkerDeps,
  opts: WorkerOptions = DEFAULT_WORKER_OPTIONS,
): OutboxWorker {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const held = new Map<string, Held>();
  // Each job run (with the job it hands on), for `stop` to wait on.
  const runs = new Set<Promise<void>>();
  // A burst fills the slots with DMs waiting on Discord's global budget; reply edits have their own.
  const reserveFor = { urgent: Math.floor(opts.concurrency / 4) };
  const gate = createSlotGate(opts.concurrency, reserveFor.urgent);
  let stopping = false;
  let handedBack = false;
  // Lanes where due jobs may wait unclaimed: set by a wake, a poll, a claim that filled the room
  // it had, a job released; cleared by a claim that found fewer than it asked for.
  const due = { normal: true, urgent: true };
  let wakeUp: (() => void) | undefined;
  const finish = batchFinishes(deps.storage, { leaseMs: opts.leaseMs, gatherMs: GATHER_FINISHES_MS });
  const leases = keepLeases(deps, { owner, leaseMs: opts.leaseMs }, held);

  // Claims keep the held jobs near `concurrency`; one being recorded has done its work.
  const busy = () => [...held.values()].filter((job) => !job.settling || job.handingOn);
  // Held jobs may outnumber the slots (see HELD_PER_SLOT): no room is never less than none.
  const freeSlots = () => Math.max(0, opts.concurrency - busy().length);
  const normalBusy = () => busy().filter((job) => !job.claim.urgent).length;
  const normalRoom = () => Math.min(freeSlots(), opts.concurrency - reserveFor.urgent - normalBusy());
  // Reply edits go first at the gate: only other edits held keep one from being taken.
  const urgentRoom = () => opts.concurrency - busy().filter((job) => job.claim.urgent).length;
  const hasRoom = (urgent: boolean) => (urgent ? urgentRoom() > 0 : normalRoom() > 0);
  const mayHoldMore = (job: NewOutboxJob) =>
    job.guard !== undefined &&
    held.size < opts.concurrency * HELD_PER_SLOT + (job.urgent ? reserveFor.urgent : 0);
  const worthLooking = () => (due.urgent && urgentRoom() > 0) || (due.normal && normalRoom() > 0) || stopping;
  const signal = () => {
    if (worthLooking()) wakeUp?.();
  };
  /** Resolves with whether it slept the whole `ms` (a poll is due) rather than being woken. */
  const nap = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (worthLooking()) return resolve(false);
      const timer = setTimeout(() => done(true), ms);
      function done(slept: boolean) {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve(slept);
      }
      wakeUp = () => done(false);
    });

  const settling = (claim: ClaimedJob, handingOn = false) => {
    const job = held.get(claim.id);
    if (job) Object.assign(job, { settling: true, handingOn });
    signal();
  };
  const runDeps: RunDeps = {
    ...deps,
    gate,
    settling,
    finish(claim, handOn, result) {
      const handingOn = handOn && !stopping;
      settling(claim, handingOn);
      // A finish waits a moment for others, but not a DM's release, nor a server's role sync: a
      // moderator's second /link-roles sync asks whether the first is still open.
      const mayWait = !handingOn && claim.job.kind !== "role_sync";
      return finish({ claim, result, handOn: handingOn }, mayWait);
    },
  };

  /** Holds `claim` and runs it, then the job it hands on (if any) in its place. */
  function occupy(claim: ClaimedJob, leaseUntil: number, follower?: Follower, stored?: Promise<boolean>) {
    held.set(claim.id, { claim, leaseUntil, settling: false });
    const done = (async () => {
      // Taken before it was written: runs once stored, and not at all if another write had it first.
      if (stored && (!(await stored) || handedBack)) return void held.delete(claim.id);
      let current: ClaimedJob | undefined = claim;
      let next = follower;
      while (current) {
        const asked = Date.now();
        const handedOn: ClaimedJob | undefined = await runJob(runDeps, current, next);
        held.delete(current.id);
        if (current.unblocks && !handedOn) due.normal = true;
        if (handedOn)
          held.set(handedOn.id, { claim: handedOn, leaseUntil: asked + opts.leaseMs, settling: false });
        current = handedOn;
        next = undefined;
      }
    })().finally(() => {
      runs.delete(done);
      signal();
    });
    runs.add(done);
  }

  /**
   * Claims due jobs while it has room. With only a slot or two free (a busy worker, one job
   * finishing at a time), it first lets a few more finish, so one claim takes several.
   */
  async function claimWhileRoom(): Promise<void> {
    let gathered = false;
    while (!stopping && worthLooking()) {
      const urgentOnly = !due.normal || normalRoom() <= 0;
      const room = urgentOnly ? urgentRoom() : normalRoom();
      if (!urgentOnly && room < GATHER_CLAIMS.slots && !gathered) {
        gathered = true;
        await new Promise((resolve) => setTimeout(resolve, GATHER_CLAIMS.ms));
        continue;
      }
      const asked = Date.now();
      const claims = await claimJobs(deps.storage, owner, opts.leaseMs, room, { urgentOnly });
      for (const claim of claims) occupy(claim, asked + opts.leaseMs);
      // Claims come urgent first: one that reached another job left no reply edit due.
      if (claims.some((claim) => !claim.urgent)) due.urgent = false;
      // Fewer than asked for: none other was due in the lanes it looked in.
      if (claims.length < room) {
        due.urgent = false;
        if (!urgentOnly) due.normal = false;
      }
    }
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        await claimWhileRoom();
        failures = 0;
      } catch (err) {
        failures += 1;
        if (failures === 1) deps.log.warn({ err }, "outbox worker cannot reach MongoDB; retrying");
      }
      const polling = await nap(failures > 0 ? Math.min(5_000, opts.pollMs * 2 ** failures) : opts.pollMs);
      // Jobs written by other processes, or due again after a wait, are seen only by looking.
      if (polling) Object.assign(due, { normal: true, urgent: true });
    }
  }

  const looping = loop();
  deps.log.info({ owner, concurrency: opts.concurrency }, "outbox worker started");

  return {
    wake(urgent = false) {
      due.normal = true;
      if (urgent) due.urgent = true;
      signal();
    },
    take(jobs, now) {
      if (stopping) return { jobs, written: () => {} };
      const lease = { owner, until: new Date(now.getTime() + opts.leaseMs) };
      let settle!: (stored: ReadonlySet<string>) => void;
      const stored = new Promise<ReadonlySet<string>>((resolve) => (settle = resolve));
      const taken = jobs.map((job) => {
        if (job.blocked || !(hasRoom(job.urgent === true) || mayHoldMore(job))) return job;
        const waiting = jobs.find((other) => other.id === job.unblocks && other.blocked);
        const claim = leasedClaimOf(job, owner, now);
        const follower = waiting && { job: waiting, createdAt: now };
        occupy(
          claim,
          lease.until.getTime(),
          follower,
          stored.then((ids) => ids.has(job.id)),
        );
        return { ...job, lease };
      });
      return { jobs: taken, written: settle };
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      gate.close();
      wakeUp?.();
      await looping;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...runs]), grace]);
      clearTimeout(timer);
      leases.stop();
      handedBack = true;
      // Jobs still waiting (on a long 429, say) go back now rather than when their lease runs out.
      await Promise.allSettled(
        [...held.values()].map((job) => releaseJob(deps.storage, job.claim, { handBack: true })),
      );
    },
  };
}
