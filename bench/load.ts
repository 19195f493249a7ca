export interface ClosedLoopResult {
  /** From the first iteration's start to the last one's end. */
  elapsedMs: number;
  iterations: number;
}

/**
 * `concurrency` workers, each starting its next iteration as soon as the last one ends, until
 * `durationMs` have passed; iterations already started are allowed to finish.
 */
export async function runClosedLoop(
  opts: { concurrency: number; durationMs: number },
  iteration: (worker: number) => Promise<void>,
): Promise<ClosedLoopResult> {
  const started = performance.now();
  const deadline = started + opts.durationMs;
  let iterations = 0;
  const worker = async (index: number) => {
    while (performance.now() < deadline) {
      await iteration(index);
      iterations += 1;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, index) => worker(index)));
  return { elapsedMs: performance.now() - started, iterations };
}

/** Runs `count` iterations, at most `concurrency` at a time. */
export async function runCount(
  opts: { count: number; concurrency: number },
  iteration: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < opts.count) await iteration(next++);
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
}
