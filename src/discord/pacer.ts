/**
 * Lets through at most `perSecond` calls in any one-second window: the share of Discord's 50
 * requests a second a long job (a role sync) may take, so DMs and replies always have the rest.
 * A window, not an even spacing: a timer that fires late must not let a burst through after it.
 */
// A little over a second: the receiving end counts by its own clock, a few milliseconds off ours.
const WINDOW_MS = 1050;

export function createPacer(perSecond: number): () => Promise<void> {
  const slots = Math.max(1, Math.floor(perSecond));
  const sent: number[] = [];
  let queue = Promise.resolve();
  const take = async () => {
    for (;;) {
      const now = performance.now();
      while (sent.length > 0 && now - (sent[0] ?? 0) >= WINDOW_MS) sent.shift();
      if (sent.length < slots) {
        sent.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (now - (sent[0] ?? 0)) + 1));
    }
  };
  return () => {
    const turn = queue.then(take);
    queue = turn;
    return turn;
  };
}
