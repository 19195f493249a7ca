import { type FinishedJob, finishJobs, type Storage } from "../../storage/index.ts";

interface Waiting extends FinishedJob {
  /** Whether the job handed on is this worker's to run. */
  resolve: (handedOn: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Records finished jobs' outcomes, in one command with every other job that finished meanwhile
 * or while a record was on its way. A job that `mayWait` waits up to `gatherMs` for others: the
 * effects of one link change (roles, audit record) finish within a few milliseconds of each
 * other. One that may not (a DM waits on it, or someone may ask whether it is still open) is
 * recorded at once, with whatever waits.
 */
export function batchFinishes(
  storage: Storage,
  opts: { leaseMs: number; gatherMs: number },
): (finished: FinishedJob, mayWait: boolean) => Promise<boolean> {
  let waiting: Waiting[] = [];
  let sending = false;
  let gathering: NodeJS.Timeout | undefined;

  async function send(): Promise<void> {
    clearTimeout(gathering);
    gathering = undefined;
    sending = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const handedOn = await finishJobs(storage, batch, opts.leaseMs);
        for (const w of batch) w.resolve(w.handOn === true && handedOn.has(w.claim.unblocks ?? ""));
      } catch (err) {
        // Each job's lease runs out and it runs again, as when one record alone fails.
        for (const w of batch) w.reject(err);
      }
    }
    sending = false;
  }

  return (finished, mayWait) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ ...finished, resolve, reject });
      if (sending) return;
      if (!mayWait) void send();
      else gathering ??= setTimeout(() => void send(), opts.gatherMs);
    });
}
