import { type ClaimedJob, findLinkedAt, type Storage } from "../../storage/index.ts";

/**
 * Why a link's DM and reply edit are written to the outbox before the link itself: then no
 * moment of the confirmation loses them (issue 15). Written after, a `kill -9` between the two
 * writes would leave a link whose member never hears of it. Written first, they carry a guard
 * (`storage/outbox.ts` `LinkGuard`) and a worker runs them only once the link stands with their
 * `linkedAt`: it waits while the link write may still land, and drops them once it cannot (the
 * writer died first, or the write was refused, e.g. the GitHub account is taken). A job blocked
 * behind a guarded one inherits its verdict through `previous.dropped`.
 *
 * The check costs nothing in the common case: the process that writes the link tells its own
 * worker how the write went (in memory), so only a job from another or a dead process reads
 * the link (one `find` by `discordId`).
 */
export type GuardVerdict = { run: true } | { drop: true } | { waitUntil: Date };

export interface LinkGuards {
  /** This process writes the link jobs `ids` follow; call the result with whether the write stood. */
  expect(ids: string[]): (stood: boolean) => void;
  decide(claim: ClaimedJob, now?: Date): Promise<GuardVerdict>;
}

const RUN = { run: true } as const;
const DROP = { drop: true } as const;
/** A local writer answers within its link write; past this the link is asked for instead. */
const LOCAL_WAIT_MS = 5_000;
/** A settled promise nobody claimed (another process's worker ran the job) is forgotten. */
const FORGET_AFTER_MS = 60_000;

export function createLinkGuards(storage: Storage): LinkGuards {
  const local = new Map<string, Promise<boolean>>();

  const waitLocally = async (id: string, outcome: Promise<boolean>): Promise<boolean | undefined> => {
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
      let settle!: (stood: boolean) => void;
      const outcome = new Promise<boolean>((resolve) => (settle = resolve));
      for (const id of ids) local.set(id, outcome);
      return (stood) => {
        settle(stood);
        setTimeout(() => ids.forEach((id) => local.delete(id)), FORGET_AFTER_MS).unref();
      };
    },
    async decide(claim, now = new Date()) {
      if (claim.previous?.dropped === true) return DROP;
      const guard = claim.guard;
      if (!guard) return RUN;
      const outcome = local.get(claim.id);
      const stood = outcome && (await waitLocally(claim.id, outcome));
      if (stood !== undefined) return stood ? RUN : DROP;
      const linkedAt = await findLinkedAt(storage, guard.discordId);
      const wanted = guard.linkedAt.getTime();
      if (linkedAt?.getTime() === wanted) return RUN;
      // A later link replaced it (or came instead): that link has effects of its own.
      if ((linkedAt?.getTime() ?? 0) > wanted || now >= guard.decideBy) return DROP;
      const age = now.getTime() - wanted;
      const retryInMs = Math.min(60_000, Math.max(500, age / 2));
      return { waitUntil: new Date(Math.min(guard.decideBy.getTime(), now.getTime() + retryInMs)) };
    },
  };
}
