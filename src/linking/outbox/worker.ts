import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../../log.ts";
import type { Storage } from "../../storage/index.ts";
import { type ClaimedJob, claimJobs, type JobOutcome, releaseJob, renewLease } from "../../storage/index.ts";
import { batchFinishes } from "./batch-finishes.ts";
import type { GuardVerdict } from "./link-guard.ts";
import { isLastAttempt, retryDelayMs, retryPolicyOf } from "./retry-policy.ts";

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

export interface OutboxWorker {
  /** A job was written in this process: look now rather than at the next poll. */
  wake(): void;
  /** Stops claiming, lets running jobs finish for up to `graceMs`, hands the rest back. */
  stop(graceMs?: number): Promise<void>;
}

/** Kind and code only: an HTTP client's message can carry the URL, and a reply edit's URL holds its token. */
const describeError = (err: unknown): string => {
  const e = err as { name?: string; code?: unknown; status?: unknown };
  return [e.name ?? "Error", e.code, e.status].filter((part) => part !== undefined).join(" ");
};

export function startOutboxWorker(
  deps: WorkerDeps,
  opts: WorkerOptions = DEFAULT_WORKER_OPTIONS,
): OutboxWorker {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const running = new Map<string, { claim: ClaimedJob; done: Promise<void> }>();
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const finishJob = batchFinishes(deps.storage);

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  async function run(claim: ClaimedJob): Promise<void> {
    const heartbeat = setInterval(() => {
      renewLease(deps.storage, claim, opts.leaseMs).then(
        (kept) => kept || deps.log.warn({ job: claim.id }, "lost the lease on an outbox job"),
        (err) => deps.log.warn({ err, job: claim.id }, "could not renew an outbox lease"),
      );
    }, opts.leaseMs / 3);
    try {
      const verdict: GuardVerdict = deps.decide ? await deps.decide(claim) : { run: true };
      if ("waitUntil" in verdict) return await releaseJob(deps.storage, claim, verdict);
      if ("drop" in verdict) return await finishJob(claim, { status: "done", outcome: { dropped: true } });
      let outcome: JobOutcome;
      try {
        // A change that turned out otherwise than its jobs were written for revises them (link-guard.ts).
        outcome = await deps.perform(
          "job" in verdict && verdict.job ? { ...claim, job: verdict.job } : claim,
        );
      } catch (err) {
        const policy = retryPolicyOf(claim.job);
        if (!isLastAttempt(policy, claim)) {
          const retryInMs = Math.round(retryDelayMs(policy, claim.attempts));
          deps.log.warn(
            { err, job: claim.id, kind: claim.job.kind, attempts: claim.attempts, retryInMs },
            "outbox job failed; will retry",
          );
          await releaseJob(deps.storage, claim, {
            runAt: new Date(Date.now() + retryInMs),
            error: describeError(err),
          });
          return;
        }
        deps.log.error(
          { err, job: claim.id, kind: claim.job.kind, attempts: claim.attempts },
          "outbox job failed for good",
        );
        await finishJob(claim, {
          status: "failed",
          outcome: {},
          error: describeError(err),
        });
        return;
      }
      await finishJob(claim, { status: "done", outcome });
    } catch (err) {
      // MongoDB away: the lease runs out and the job runs again (at most one extra message).
      deps.log.warn({ err, job: claim.id }, "could not record an outbox job's outcome");
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      woken = false;
      try {
        while (!stopping && running.size < opts.concurrency) {
          const free = opts.concurrency - running.size;
          const claims = await claimJobs(deps.storage, owner, opts.leaseMs, free);
          for (const claim of claims) {
            const done = run(claim).finally(() => {
              running.delete(claim.id);
              wake();
            });
            running.set(claim.id, { claim, done });
          }
          // Fewer than asked for: none other was due, so no empty claim follows.
          if (claims.length < free) break;
        }
        failures = 0;
      } catch (err) {
        failures += 1;
        if (failures === 1) deps.log.warn({ err }, "outbox worker cannot reach MongoDB; retrying");
      }
      await nap(failures > 0 ? Math.min(5_000, opts.pollMs * 2 ** failures) : opts.pollMs);
    }
  }

  const looping = loop();
  deps.log.info({ owner, concurrency: opts.concurrency }, "outbox worker started");

  return {
    wake,
    async stop(graceMs = 10_000) {
      stopping = true;
      wake();
      await looping;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...running.values()].map((r) => r.done)), grace]);
      clearTimeout(timer);
      // Jobs still waiting (on a long 429, say) go back now rather than when their lease runs out.
      await Promise.allSettled(
        [...running.values()].map((r) => releaseJob(deps.storage, r.claim, { handBack: true })),
      );
    },
  };
}
