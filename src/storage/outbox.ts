import type { AuditEvent, GitHubAccount, LinkWebhookPayload } from "../domain/index.ts";
import { nativeOf } from "./native.ts";
import type { MemberRolesJob, RoleSyncJob } from "./role-jobs.ts";
import type { Storage } from "./storage.ts";

/**
 * Every kind of effect the outbox carries; a new kind (role change, Linked Roles push) is one
 * more member here, one more case in the worker's `performJob`, and, if it should not give up
 * after a few minutes, a case in `retryPolicyOf`.
 * Nothing secret is stored in plain text: the interaction token stays sealed.
 */
export type OutboxJob =
  | { kind: "linked_dm"; discordId: string; account: GitHubAccount; sealedInteractionToken?: string }
  | { kind: "linked_reply"; discordId: string; sealedInteractionToken: string; account: GitHubAccount }
  | { kind: "relink_dm"; discordId: string; githubLogin: string }
  | { kind: "removed_by_owner_dm"; discordId: string; githubLogin: string }
  | { kind: "link_webhook"; delivery: string; payload: LinkWebhookPayload }
  /** `record`: written before the change, so this job saves the audit record (once) before the posts. */
  | { kind: "audit_posts"; eventId: string; event: AuditEvent; record?: boolean }
  | { kind: "log_channel_post"; guildId: string; channelId: string; event: AuditEvent }
  | { kind: "role_connection_push"; discordId: string }
  | MemberRolesJob
  | RoleSyncJob;

/** What a finished job hands to the job it unblocks (as `previous`), and the record of what it did. */
export type JobOutcome = Record<string, string | number | boolean>;

/**
 * A job written before the link change it follows; see `src/linking/outbox/link-guard.ts`.
 * `follows` says which change:
 * - `"link"` (the default): it runs once the member's link stands with this `linkedAt`, and is
 *   dropped once a later link replaced it or none came by `decideBy` (the writer died before the
 *   link write, or the write was refused): a DM about a link already replaced has no point;
 * - `"link-record"`: the same, but a later link does not drop it: the record of a link that
 *   stood (audit record, webhook, log post) stays part of the history;
 * - `"unlink"`: it runs once the link with this `linkedAt` is gone, and is dropped if it still
 *   stands at `decideBy` (the unlinking process died before its delete);
 * - `"needs-relink"`: it runs once the link with this `linkedAt` is flagged at `flaggedAt`, and
 *   is dropped once that link is gone or was not flagged so by `decideBy`.
 */
export interface LinkGuard {
  discordId: string;
  linkedAt: Date;
  decideBy: Date;
  follows?: "link" | "link-record" | "unlink" | "needs-relink";
  flaggedAt?: Date;
}

export interface NewOutboxJob {
  /** Stable per effect: writing the same id twice stores it once. */
  id: string;
  job: OutboxJob;
  guard?: LinkGuard;
  /** Id of a job that waits for this one's outcome; that job is enqueued with `blocked: true`. */
  unblocks?: string;
  blocked?: boolean;
  /**
   * Claimed before every other due job: interaction reply edits, which Discord limits per
   * interaction rather than in the bot's global budget, so they need not queue behind DMs.
   */
  urgent?: boolean;
  /** Written already claimed by the writer's own worker, which runs it as soon as it is stored. */
  lease?: Lease;
}

/** Which worker holds a job, until when (renewed while it runs). */
export interface Lease {
  owner: string;
  until: Date;
}

export interface ClaimedJob {
  id: string;
  job: OutboxJob;
  owner: string;
  attempts: number;
  unblocks: string | null;
  previous: JobOutcome | null;
  guard: LinkGuard | null;
  /** When the job was written: how long it has been retried. */
  createdAt: Date;
  /** Claimed before every other due job (see `NewOutboxJob.urgent`). */
  urgent?: boolean;
}

/** Claim order: urgent jobs first, then the longest due. */
const URGENT = 0;
const NORMAL = 1;

const NO_LEASE = new Date(0);
const KEEP_FINISHED_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One write for all of a change's effects; ids already stored are skipped, not errors. Resolves
 * with the ids this write stored: only those of its leased jobs are the writer's to run.
 */
export async function enqueueJobs(
  storage: Storage,
  jobs: NewOutboxJob[],
  now = new Date(),
): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const docs = jobs.map((j) => ({
    _id: j.id,
    job: j.job,
    status: j.blocked ? "blocked" : "queued",
    priority: j.urgent ? URGENT : NORMAL,
    runAt: now,
    leaseUntil: j.lease?.until ?? NO_LEASE,
    owner: j.lease?.owner ?? null,
    attempts: j.lease ? 1 : 0,
    unblocks: j.unblocks ?? null,
    guard: j.guard ?? null,
    previous: null,
    outcome: null,
    lastError: null,
    createdAt: now,
    expiresAt: null,
  }));
  const stored = new Set(jobs.map((j) => j.id));
  try {
    await nativeOf<(typeof docs)[number]>(storage.outbox).insertMany(docs, { ordered: false });
  } catch (err) {
    type WriteError = { code?: number; index?: number; err?: { code?: number; index?: number } };
    const writeErrors = (err as { writeErrors?: WriteError[] }).writeErrors;
    const onlyDuplicates = writeErrors?.every((e) => (e.code ?? e.err?.code) === 11000);
    if (!writeErrors || !onlyDuplicates) throw err;
    for (const e of writeErrors) {
      const index = e.index ?? e.err?.index;
      // Not knowing which one was skipped, the writer runs none: a leased job then waits out its lease.
      if (index === undefined) return new Set();
      stored.delete(docs[index]?._id ?? "");
    }
  }
  return stored;
}

type ClaimableDoc = {
  _id: string;
  priority: number;
  job: OutboxJob;
  attempts: number;
  unblocks: string | null;
  previous: JobOutcome | null;
  guard: LinkGuard | null;
  createdAt: Date;
};

const CLAIM_FIELDS = {
  job: 1,
  priority: 1,
  attempts: 1,
  unblocks: 1,
  previous: 1,
  guard: 1,
  createdAt: 1,
} as const;

const claimOf = (doc: ClaimableDoc, owner: string, attempts = doc.attempts): ClaimedJob => ({
  id: doc._id,
  job: doc.job,
  owner,
  attempts,
  unblocks: doc.unblocks,
  previous: doc.previous,
  guard: doc.guard ?? null,
  createdAt: doc.createdAt,
  urgent: doc.priority === URGENT,
});

/**
 * A job as `enqueueJobs` stores it leased to `owner` (first attempt), for the worker that holds
 * it without a claim: one it took as it was written, or one handed on to it (with `previous`).
 */
export const leasedClaimOf = (
  job: NewOutboxJob,
  owner: string,
  createdAt: Date,
  previous: JobOutcome | null = null,
): ClaimedJob => ({
  id: job.id,
  job: job.job,
  owner,
  attempts: 1,
  unblocks: job.unblocks ?? null,
  previous,
  guard: job.guard ?? null,
  createdAt,
  urgent: job.urgent === true,
});

/**
 * Takes up to `max` of the most urgent, longest due jobs whose lease (if any) ran out; the
 * `{status, priority, runAt}` index serves the filter and the order. One job is one atomic
 * `findAndModify`. Several are a `find` and one `update` of them all, whose filter repeats the
 * `find`'s, so a job another worker took in between is not taken again; only then (the update
 * matched fewer) a third command reads back which ones this claim holds. `urgentOnly`: a worker
 * whose other slots are full keeps its last ones for reply edits.
 */
export async function claimJobs(
  storage: Storage,
  owner: string,
  leaseMs: number,
  max: number,
  opts: { urgentOnly?: boolean; now?: Date } = {},
): Promise<ClaimedJob[]> {
  const now = opts.now ?? new Date();
  const outbox = nativeOf<ClaimableDoc>(storage.outbox);
  const due = {
    status: "queued",
    ...(opts.urgentOnly ? { priority: URGENT } : {}),
    runAt: { $lte: now },
    leaseUntil: { $lte: now },
  };
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claim = { $set: { leaseUntil, owner }, $inc: { attempts: 1 } };
  const order = { priority: 1, runAt: 1 } as const;
  if (max <= 1) {
    const doc = await outbox.findOneAndUpdate(due, claim, { sort: order, returnDocument: "after" });
    return doc ? [claimOf(doc, owner)] : [];
  }
  const found = await outbox.find(due, { sort: order, limit: max, projection: CLAIM_FIELDS }).toArray();
  if (found.length === 0) return [];
  const ids = found.map((doc) => doc._id);
  const { modifiedCount } = await outbox.updateMany({ ...due, _id: { $in: ids } }, claim);
  if (modifiedCount === found.length) return found.map((doc) => claimOf(doc, owner, doc.attempts + 1));
  // No two claims of this worker share a lease end and a candidate: a job it holds is not due.
  const held = await outbox
    .find({ _id: { $in: ids }, owner, leaseUntil }, { projection: CLAIM_FIELDS })
    .toArray();
  const rank = new Map(ids.map((id, at) => [id, at]));
  return held
    .sort((a, b) => (rank.get(a._id) ?? 0) - (rank.get(b._id) ?? 0))
    .map((doc) => claimOf(doc, owner));
}

/**
 * Keeps a worker's jobs that are still running (waiting out a 429, say), in one command however
 * many; resolves with how many it still held (another worker took the rest, or they finished).
 */
export async function renewLeases(storage: Storage, lease: Lease, ids: string[]): Promise<number> {
  const res = await nativeOf<{ _id: string }>(storage.outbox).updateMany(
    { _id: { $in: ids }, owner: lease.owner, status: "queued" },
    { $set: { leaseUntil: lease.until } },
  );
  return res.matchedCount;
}

export interface JobResult {
  status: "done" | "failed";
  outcome: JobOutcome;
  error?: string;
}

/** A finished job; `handOn`: its waiting job is released leased to the same worker, which runs it next. */
export interface FinishedJob {
  claim: ClaimedJob;
  result: JobResult;
  handOn?: boolean;
}

/**
 * Records the outcomes of finished jobs, in one `update` command however many: each job's
 * waiting job is released before it is marked finished (the statements run in order), so a
 * crash between the two repeats the job (at most one extra message) rather than strand the
 * one waiting on it. A waiting job handed on is released claimed (leased until `now + leaseMs`):
 * its worker needs no claim of its own, and if it dies the lease runs out as any claim's does.
 * Resolves with the ids of the jobs handed on that the worker holds: all of them when every
 * statement matched, else (a job another worker finished or released first) read back.
 */
export async function finishJobs(
  storage: Storage,
  finished: FinishedJob[],
  leaseMs: number,
  now = new Date(),
): Promise<Set<string>> {
  const expiresAt = new Date(now.getTime() + KEEP_FINISHED_MS);
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const handedOn: string[] = [];
  const statements = finished.flatMap(({ claim, result, handOn }) => {
    const finish = {
      updateOne: {
        filter: { _id: claim.id, owner: claim.owner, status: "queued" },
        update: {
          $set: {
            status: result.status,
            outcome: result.outcome,
            lastError: result.error ?? null,
            leaseUntil: NO_LEASE,
            // The owner stays: which worker sent it.
            expiresAt,
          },
        },
      },
    };
    if (!claim.unblocks) return [finish];
    const released = { status: "queued", runAt: now, previous: result.outcome };
    if (handOn) handedOn.push(claim.unblocks);
    const release = {
      updateOne: {
        filter: { _id: claim.unblocks, status: "blocked" },
        update: handOn
          ? { $set: { ...released, owner: claim.owner, leaseUntil }, $inc: { attempts: 1 } }
          : { $set: released },
      },
    };
    return [release, finish];
  });
  if (statements.length === 0) return new Set();
  const outbox = nativeOf<{ _id: string }>(storage.outbox);
  const { matchedCount } = await outbox.bulkWrite(statements, { ordered: true });
  if (matchedCount === statements.length || handedOn.length === 0) return new Set(handedOn);
  const owner = finished[0]?.claim.owner;
  const held = await outbox
    .find({ _id: { $in: handedOn }, owner, leaseUntil, status: "queued" }, { projection: { _id: 1 } })
    .toArray();
  return new Set(held.map((doc) => doc._id));
}

/**
 * Puts a failed attempt back for later (`runAt`); `waitUntil` does so without counting the
 * attempt (a guarded job waiting for its link), `handBack` at once without counting it (shutdown).
 */
export async function releaseJob(
  storage: Storage,
  claim: ClaimedJob,
  retry: { runAt: Date; error?: string } | { waitUntil: Date } | { handBack: true },
): Promise<void> {
  const unclaimed = { leaseUntil: NO_LEASE, owner: null };
  const set =
    "handBack" in retry
      ? { $set: unclaimed, $inc: { attempts: -1 } }
      : "waitUntil" in retry
        ? { $set: { ...unclaimed, runAt: retry.waitUntil }, $inc: { attempts: -1 } }
        : { $set: { ...unclaimed, runAt: retry.runAt, lastError: retry.error ?? null } };
  await storage.outbox.updateOne({ _id: claim.id, owner: claim.owner, status: "queued" }, set).exec();
}

/**
 * Rewrites what a job not started yet will do (a link change that turned out otherwise than its
 * jobs were written for); false when it has finished or is gone.
 */
export async function reviseJob(storage: Storage, id: string, job: OutboxJob): Promise<boolean> {
  const res = await nativeOf<{ _id: string }>(storage.outbox).updateOne(
    { _id: id, status: { $in: ["queued", "blocked"] } },
    { $set: { job } },
  );
  return res.matchedCount === 1;
}

/** Withdraws jobs not started yet (the change they were to follow was refused). */
export async function cancelJobs(storage: Storage, ids: string[]): Promise<void> {
  await nativeOf<{ _id: string }>(storage.outbox).deleteMany({
    _id: { $in: ids },
    status: { $in: ["queued", "blocked"] },
  });
}

/** Jobs not finished yet (queued, running or waiting on another). */
export const countOpenJobs = (storage: Storage): Promise<number> =>
  storage.outbox.countDocuments({ status: { $in: ["queued", "blocked"] } }).exec();
