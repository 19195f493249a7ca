import type { Logger } from "../../log.ts";
import {
  type ClaimedJob,
  type JobOutcome,
  type JobResult,
  leasedClaimOf,
  type NewOutboxJob,
  releaseJob,
  type Storage,
} from "../../storage/index.ts";
import type { GuardVerdict } from "./link-guard.ts";
import { isLastAttempt, retryDelayMs, retryPolicyOf } from "./retry-policy.ts";
import type { SlotGate } from "./slot-gate.ts";

/** The job waiting on a job this worker wrote and took (see `OutboxWorker.take`), as written. */
export interface Follower {
  job: NewOutboxJob;
  createdAt: Date;
}

export interface RunDeps {
  storage: Storage;
  perform: (claim: ClaimedJob) => Promise<JobOutcome>;
  decide?: (claim: ClaimedJob) => Promise<GuardVerdict>;
  log: Logger;
  /** Where a job that may run waits for a slot (its guard's wait for the link write takes none). */
  gate: SlotGate;
  /** Records the outcome; `handOn`: asks for the waiting job leased to this worker (true: it holds it). */
  finish(claim: ClaimedJob, handOn: boolean, result: JobResult): Promise<boolean>;
  /** The job is being put back: its lease needs no renewal. */
  settling(claim: ClaimedJob): void;
}

/** Kind and code only: an HTTP client's message can carry the URL, and a reply edit's URL holds its token. */
const describeError = (err: unknown): string => {
  const e = err as { name?: string; code?: unknown; status?: unknown };
  return [e.name ?? "Error", e.code, e.status].filter((part) => part !== undefined).join(" ");
};

/**
 * Runs one claimed job and records how it went. Resolves with the job it handed on, which the
 * worker runs next: the `follower` it knows, released to it by this job's own finish record.
 */
export async function runJob(
  deps: RunDeps,
  claim: ClaimedJob,
  follower?: Follower,
): Promise<ClaimedJob | undefined> {
  const finish = async (result: JobResult) => {
    const handedOn = await deps.finish(claim, follower !== undefined, result);
    return handedOn && follower
      ? leasedClaimOf(follower.job, claim.owner, follower.createdAt, result.outcome)
      : undefined;
  };
  const release = (retry: Parameters<typeof releaseJob>[2]) => {
    deps.settling(claim);
    return releaseJob(deps.storage, claim, retry);
  };
  try {
    const verdict: GuardVerdict = deps.decide ? await deps.decide(claim) : { run: true };
    if ("waitUntil" in verdict) return void (await release(verdict));
    if ("drop" in verdict) return await finish({ status: "done", outcome: { dropped: true } });
    const urgent = claim.urgent === true;
    // Stopping: a job not started yet goes back for the next worker.
    if (!(await deps.gate.enter(urgent))) return void (await release({ handBack: true }));
    let outcome: JobOutcome;
    try {
      // A change that turned out otherwise than its jobs were written for revises them (link-guard.ts).
      outcome = await deps.perform("job" in verdict && verdict.job ? { ...claim, job: verdict.job } : claim);
    } catch (err) {
      deps.gate.leave(urgent);
      const policy = retryPolicyOf(claim.job);
      const { id, attempts } = claim;
      if (!isLastAttempt(policy, claim)) {
        const retryInMs = Math.round(retryDelayMs(policy, attempts));
        deps.log.warn(
          { err, job: id, kind: claim.job.kind, attempts, retryInMs },
          "outbox job failed; will retry",
        );
        return void (await release({ runAt: new Date(Date.now() + retryInMs), error: describeError(err) }));
      }
      deps.log.error({ err, job: id, kind: claim.job.kind, attempts }, "outbox job failed for good");
      return await finish({ status: "failed", outcome: {}, error: describeError(err) });
    }
    deps.gate.leave(urgent);
    return await finish({ status: "done", outcome });
  } catch (err) {
    // MongoDB away: the lease runs out and the job runs again (at most one extra message).
    deps.log.warn({ err, job: claim.id }, "could not record an outbox job's outcome");
    return undefined;
  }
}
