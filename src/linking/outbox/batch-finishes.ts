import { type FinishedJob, finishJobs, type Storage } from "../../storage/index.ts";

interface Waiting extends FinishedJob {
  /** Whether the job handed on is this worker's to run. */
  resolve: (handedOn: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * Records finished jobs' outcomes: `gatherMs` after the first one, together with every other job
 * that finished meanwhile or while a record was on its way, in one command. Jobs of one change
 * (a link's reply edit, roles and audit record) finish within a few milliseconds of each other,
 * so a worker spends one command on several of them, and waits no longer for it than a job takes.
 */
export function batchFinishes(
  storage: Storage,
  opts: { leaseMs: number; gatherMs: number },
): (finished: FinishedJob) => Promise<boolean> {
  let waiting: Waiting[] = [];
  let sending = false;

  async function send(): Promise<void> {
    sending = true;
    await new Promise((resolve) => setTimeout(resolve, opts.gatherMs));
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

  return (finished) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ ...finished, resolve, reject });
      if (!sending) void send();
    });
}
