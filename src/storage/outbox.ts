import type { GitHubAccount } from "../domain/index.ts";
import type { MemberRolesJob, RoleSyncJob } from "./role-jobs.ts";
import type { Storage } from "./storage.ts";

/**
 * Every kind of effect the outbox carries; a new kind (role change, Linked Roles push,
 * outgoing webhook) is one more member here and one more case in the worker's `performJob`.
 * Nothing secret is stored in plain text: the interaction token stays sealed.
 */
export type OutboxJob =
  | { kind: "linked_dm"; discordId: string; account: GitHubAccount }
  | { kind: "linked_reply"; discordId: string; sealedInteractionToken: string; account: GitHubAccount }
  | { kind: "relink_dm"; discordId: string; githubLogin: string }
  | { kind: "removed_by_owner_dm"; discordId: string; githubLogin: string }
  | MemberRolesJob
  | RoleSyncJob;

/** What a finished job hands to the job it unblocks (the reply edit reads `dmSent`). */
export type JobOutcome = Record<string, string | number | boolean>;

export interface NewOutboxJob {
  /** Stable per effect: writing the same id twice stores it once. */
  id: string;
  job: OutboxJob;
  /** Id of a job that waits for this one's outcome; that job is enqueued with `blocked: true`. */
  unblocks?: string;
  blocked?: boolean;
}

export interface ClaimedJob {
  id: string;
  job: OutboxJob;
  owner: string;
  attempts: number;
  unblocks: string | null;
  previous: JobOutcome | null;
}

const NO_LEASE = new Date(0);
const KEEP_FINISHED_MS = 7 * 24 * 60 * 60 * 1000;

/** One write for all of a change's effects; ids already stored are skipped, not errors. */
export async function enqueueJobs(storage: Storage, jobs: NewOutboxJob[], now = new Date()): Promise<void> {
  const docs = jobs.map((j) => ({
    _id: j.id,
    job: j.job,
    status: j.blocked ? "blocked" : "queued",
    runAt: now,
    leaseUntil: NO_LEASE,
    owner: null,
    attempts: 0,
    unblocks: j.unblocks ?? null,
    previous: null,
    outcome: null,
    lastError: null,
    createdAt: now,
    expiresAt: null,
  }));
  try {
    await storage.outbox.insertMany(docs, { ordered: false, lean: true });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> })
      .writeErrors;
    const onlyDuplicates = writeErrors?.every((e) => (e.code ?? e.err?.code) === 11000);
    if (!onlyDuplicates) throw err;
  }
}

/** Takes the oldest due job whose lease (if any) ran out: one atomic update, so one worker wins it. */
export async function claimJob(
  storage: Storage,
  owner: string,
  leaseMs: number,
  now = new Date(),
): Promise<ClaimedJob | null> {
  const doc = await storage.outbox
    .findOneAndUpdate(
      { status: "queued", runAt: { $lte: now }, leaseUntil: { $lte: now } },
      { $set: { leaseUntil: new Date(now.getTime() + leaseMs), owner }, $inc: { attempts: 1 } },
      { sort: { runAt: 1 }, returnDocument: "after" },
    )
    .lean<{
      _id: string;
      job: OutboxJob;
      attempts: number;
      unblocks: string | null;
      previous: JobOutcome | null;
    }>()
    .exec();
  if (!doc) return null;
  return {
    id: doc._id,
    job: doc.job,
    owner,
    attempts: doc.attempts,
    unblocks: doc.unblocks,
    previous: doc.previous,
  };
}

/** Keeps a job that is still running (waiting out a 429, say); false when another worker took it. */
export async function renewLease(storage: Storage, claim: ClaimedJob, leaseMs: number): Promise<boolean> {
  const res = await storage.outbox
    .updateOne(
      { _id: claim.id, owner: claim.owner, status: "queued" },
      { $set: { leaseUntil: new Date(Date.now() + leaseMs) } },
    )
    .exec();
  return res.matchedCount === 1;
}

/**
 * Records the outcome. The waiting job is released first: a crash between the two writes
 * repeats this job (at most one extra message) rather than strand the one waiting on it.
 */
export async function finishJob(
  storage: Storage,
  claim: ClaimedJob,
  result: { status: "done" | "failed"; outcome: JobOutcome; error?: string },
  now = new Date(),
): Promise<void> {
  if (claim.unblocks) {
    await storage.outbox
      .updateOne(
        { _id: claim.unblocks, status: "blocked" },
        { $set: { status: "queued", runAt: now, previous: result.outcome } },
      )
      .exec();
  }
  await storage.outbox
    .updateOne(
      { _id: claim.id, owner: claim.owner, status: "queued" },
      {
        $set: {
          status: result.status,
          outcome: result.outcome,
          lastError: result.error ?? null,
          leaseUntil: NO_LEASE,
          // The owner stays: which worker sent it.
          expiresAt: new Date(now.getTime() + KEEP_FINISHED_MS),
        },
      },
    )
    .exec();
}

/** Puts a failed attempt back for later (`runAt`), or at once with the attempt not counted (shutdown). */
export async function releaseJob(
  storage: Storage,
  claim: ClaimedJob,
  retry: { runAt: Date; error?: string } | { handBack: true },
): Promise<void> {
  const set =
    "handBack" in retry
      ? { $set: { leaseUntil: NO_LEASE, owner: null }, $inc: { attempts: -1 } }
      : { $set: { leaseUntil: NO_LEASE, owner: null, runAt: retry.runAt, lastError: retry.error ?? null } };
  await storage.outbox.updateOne({ _id: claim.id, owner: claim.owner, status: "queued" }, set).exec();
}

/** Jobs not finished yet (queued, running or waiting on another). */
export const countOpenJobs = (storage: Storage): Promise<number> =>
  storage.outbox.countDocuments({ status: { $in: ["queued", "blocked"] } }).exec();
