import {
  type ClaimedJob,
  findLinkMarks,
  type LinkGuard,
  type OutboxJob,
  type Storage,
} from "../../storage/index.ts";

/**
 * Why every effect of a link change is written to the outbox before the change itself: then no
 * moment of it loses them (issue 15). Written after, a `kill -9` between the two writes would
 * leave a link whose member never hears of it, or whose audit record, webhook and log post never
 * come; an unlink whose roles stay. Written first, they carry a guard (`storage/outbox.ts`
 * `LinkGuard`) and a worker runs them only once the change is made: it waits while the write
 * may still land, and drops them once it cannot (the writer died first, or the write was
 * refused, e.g. the GitHub account is taken). A job blocked behind a guarded one inherits its
 * verdict through `previous.dropped`.
 *
 * The check costs nothing in the common case: the process that makes the change tells its own
 * worker how it went (in memory), so only a job from another or a dead process reads the link
 * (one `find` by `discordId`). That read cannot tell everything the writer knew:
 * - a link's record (`follows: "link-record"`) runs once its link or a later one stands. A later
 *   one could in principle come instead of a link whose writer died between its outbox write and
 *   its link write (the member linked again within `decideBy`); it is trusted all the same,
 *   since dropping would lose the record of a link that stood whenever the worker runs behind.
 *   A link removed before a worker of another process looked is not seen at all: its record
 *   waits out `decideBy` and is dropped (the unlink's own record names the account);
 * - an unlink's effects (`follows: "unlink"`) run once their link is gone, deleted or replaced:
 *   an unlink whose writer died before its delete, followed by a re-link within `decideBy`,
 *   would be told as well;
 * - a "needs re-link" flag's effects run once their link is flagged at their time; a link
 *   re-linked or removed before a worker of another process looked drops them.
 */
export type GuardVerdict = { run: true; job?: OutboxJob } | { drop: true } | { waitUntil: Date };

/** How a change went; `revised`: jobs to run as given here (by id), not as they were written. */
export type ChangeOutcome = { made: boolean; revised?: Record<string, OutboxJob> };

export interface LinkGuards {
  /** This process makes the change jobs `ids` follow; call the result with how it went. */
  expect(ids: string[]): (outcome: ChangeOutcome) => void;
  decide(claim: ClaimedJob, now?: Date): Promise<GuardVerdict>;
}

const RUN = { run: true } as const;
const DROP = { drop: true } as const;
/** A local writer answers within its link write; past this the link is asked for instead. */
const LOCAL_WAIT_MS = 5_000;
/** A settled promise nobody claimed (another process's worker ran the job) is forgotten. */
const FORGET_AFTER_MS = 60_000;

export function createLinkGuards(storage: Storage): LinkGuards {
  const local = new Map<string, Promise<ChangeOutcome>>();

  const waitLocally = async (id: string, outcome: Promise<ChangeOutcome>) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LOCAL_WAIT_MS);
    });
    try {
      return await Promise.race([outcome, late]);
    } finally {
      clearTimeout(timer);
      local.delete(id);
    }
  };

  return {
    expect(ids) {
      let settle!: (outcome: ChangeOutcome) => void;
      const outcome = new Promise<ChangeOutcome>((resolve) => (settle = resolve));
      for (const id of ids) local.set(id, outcome);
      return (result) => {
        settle(result);
        setTimeout(() => ids.forEach((id) => local.delete(id)), FORGET_AFTER_MS).unref();
      };
    },
    async decide(claim, now = new Date()) {
      if (claim.previous?.dropped === true) return DROP;
      const guard = claim.guard;
      if (!guard) return RUN;
      const pending = local.get(claim.id);
      const outcome = pending && (await waitLocally(claim.id, pending));
      if (outcome) {
        const job = outcome.revised?.[claim.id];
        return outcome.made ? (job ? { run: true, job } : RUN) : DROP;
      }
      const marks = await findLinkMarks(storage, guard.discordId);
      if (isMade(guard, marks)) return RUN;
      if (isPast(guard, marks?.linkedAt.getTime() ?? null)) return DROP;
      if (now >= guard.decideBy) return DROP;
      const age = now.getTime() - claim.createdAt.getTime();
      const retryInMs = Math.min(60_000, Math.max(500, age / 2));
      return { waitUntil: new Date(Math.min(guard.decideBy.getTime(), now.getTime() + retryInMs)) };
    },
  };
}

type LinkMarks = Awaited<ReturnType<typeof findLinkMarks>>;

/** Whether the member's link as it is now (null when unlinked) shows the change made. */
function isMade(guard: LinkGuard, marks: LinkMarks): boolean {
  const wanted = guard.linkedAt.getTime();
  const current = marks?.linkedAt.getTime() ?? null;
  switch (guard.follows ?? "link") {
    case "link":
      return current === wanted;
    case "link-record":
      return current !== null && current >= wanted;
    case "unlink":
      return current !== wanted;
    case "needs-relink":
      return current === wanted && marks?.needsRelinkAt?.getTime() === guard.flaggedAt?.getTime();
  }
}

/**
 * Whether the change can no longer come, or has lost its point: a later link replaced the one a
 * DM is about (that link has effects of its own), a link to be flagged is gone.
 */
function isPast(guard: LinkGuard, current: number | null): boolean {
  const wanted = guard.linkedAt.getTime();
  switch (guard.follows ?? "link") {
    case "link":
      return (current ?? 0) > wanted;
    case "needs-relink":
      return current !== wanted;
    default:
      return false;
  }
}
