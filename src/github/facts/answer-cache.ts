import { createHash } from "node:crypto";

/** What GitHub last answered to one GET: its ETag, and only the part a fact needs of the body. */
export interface CachedAnswer {
  etag: string;
  value: unknown;
}

/**
 * The last answers by token and URL, so the next check sends If-None-Match and a 304 (which
 * GitHub does not count against the rate limit) stands for the whole answer. Bounded, least
 * recently used first out, so its memory does not grow with the number of members.
 */
export interface AnswerCache {
  get(token: string, url: string): CachedAnswer | undefined;
  set(token: string, url: string, answer: CachedAnswer): void;
  readonly size: number;
}

// An entry is a hash, a URL, an ETag and a small value: some 300 bytes, 15 MB when full.
const DEFAULT_MAX_ENTRIES = 50_000;

export function createAnswerCache(maxEntries = DEFAULT_MAX_ENTRIES): AnswerCache {
  const entries = new Map<string, CachedAnswer>();
  // The token itself is never kept: a hash of it tells one member's answers from another's.
  const keyOf = (token: string, url: string) =>
    `${createHash("sha256").update(token).digest("base64url")} ${url}`;
  return {
    get(token, url) {
      const key = keyOf(token, url);
      const answer = entries.get(key);
      if (answer) {
        // Map keeps insertion order: re-inserting marks it as the most recently used.
        entries.delete(key);
        entries.set(key, answer);
      }
      return answer;
    },
    set(token, url, answer) {
      const key = keyOf(token, url);
      entries.delete(key);
      entries.set(key, answer);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}
