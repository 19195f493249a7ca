import type { Logger } from "../../log.ts";
import { renewLeases, type Storage } from "../../storage/index.ts";

/** A job a worker holds, as far as its lease goes. */
export interface HeldJob {
  /** When its lease runs out, as this worker knows it (ms since the epoch, never later than stored). */
  leaseUntil: number;
  /** Its outcome is being recorded (or it is being put back): the lease needs no renewal. */
  settling: boolean;
}

/**
 * Renews, in one command every quarter lease, the leases of all of a worker's jobs that have run
 * for more than a quarter of one (a DM waiting its turn in Discord's global budget, a 429):
 * a job gone by then pays nothing, and a job still running always has half a lease left.
 */
export function keepLeases(
  deps: { storage: Storage; log: Logger },
  opts: { owner: string; leaseMs: number },
  held: Map<string, HeldJob>,
): { stop(): void } {
  const tick = opts.leaseMs / 4;
  async function renew(): Promise<void> {
    const now = Date.now();
    const due = [...held].filter(([, job]) => !job.settling && job.leaseUntil - now < opts.leaseMs - tick);
    if (due.length === 0) return;
    const until = now + opts.leaseMs;
    const kept = await renewLeases(
      deps.storage,
      { owner: opts.owner, until: new Date(until) },
      due.map(([id]) => id),
    );
    for (const [, job] of due) job.leaseUntil = until;
    // A job whose outcome was being recorded meanwhile is not a lost lease.
    const stillHeld = due.filter(([id, job]) => held.get(id) === job && !job.settling).length;
    if (kept < stillHeld) deps.log.warn({ jobs: stillHeld - kept }, "lost the lease on outbox jobs");
  }
  const timer = setInterval(() => {
    renew().catch((err) => deps.log.warn({ err }, "could not renew outbox leases"));
  }, tick);
  return { stop: () => clearInterval(timer) };
}
