import { type ClaimedJob, finishJobs, type JobResult, type Storage } from "../../storage/index.ts";

interface Waiting {
  claim: ClaimedJob;
  result: JobResult;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Records finished jobs' outcomes: at once when no record is on its way, else together with
 * every other job that finished meanwhile, in the next single command. A busy worker so spends
 * one command on several jobs and an idle one waits for nothing.
 */
export function batchFinishes(storage: Storage): (claim: ClaimedJob, result: JobResult) => Promise<void> {
  let waiting: Waiting[] = [];
  let sending = false;

  async function send(): Promise<void> {
    sending = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await finishJobs(storage, batch);
        for (const w of batch) w.resolve();
      } catch (err) {
        // Each job's lease runs out and it runs again, as when one record alone fails.
        for (const w of batch) w.reject(err);
      }
    }
    sending = false;
  }

  return (claim, result) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ claim, result, resolve, reject });
      if (!sending) void send();
    });
}
