const MAX_ENTRIES = 10_000;

/**
 * Membership answers for a short while: a /whois listing several members, or an event posted
 * to several servers, asks Discord once per member. Concurrent askers share one request.
 */
export function createMemberCache(ttlMs: number) {
  const entries = new Map<string, { until: number; answer: Promise<boolean> }>();
  return {
    remember(key: string, ask: () => Promise<boolean>): Promise<boolean> {
      const now = Date.now();
      const cached = entries.get(key);
      if (cached && cached.until > now) return cached.answer;
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      const answer = ask();
      entries.set(key, { until: now + ttlMs, answer });
      // A failed request is not an answer: the next caller asks again.
      answer.catch(() => entries.delete(key));
      return answer;
    },
  };
}
