/**
 * Spaces calls evenly at `perSecond`: the share of Discord's 50 requests a second a long job
 * (a role sync) may take, so DMs and replies always have the rest.
 */
export function createPacer(perSecond: number): () => Promise<void> {
  const gapMs = 1000 / perSecond;
  let nextAt = 0;
  return () => {
    const now = performance.now();
    const at = Math.max(now, nextAt);
    nextAt = at + gapMs;
    const waitMs = at - now;
    return waitMs < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, waitMs));
  };
}
