import type { Octokit } from "octokit";
import { GitHubUnavailableError } from "../../errors/index.ts";
import type { AnswerCache } from "./answer-cache.ts";
import { graphqlUrl } from "./graphql-url.ts";
import {
  createRateLimitGate,
  GitHubRateLimitedError,
  type Headers,
  rateLimitOf,
  resourceOf,
} from "./rate-limits.ts";
import { type Answer, type Outcome, type Refusal, refusalOf } from "./refusals.ts";

/** Refusals that answer a question (not a member, not starred, no such repository). */
const ANSWERING_REFUSALS = new Set([403, 404, 422]);
// A limit that lifts but is hit again at once is not waited out a third time.
const MAX_ATTEMPTS = 3;

export interface FactsRequester {
  /** A GET, revalidated with If-None-Match; `read` turns a fresh answer into what is kept. */
  get<T>(route: string, params: Record<string, string | number>, read: (answer: Answer) => T): Promise<T>;
  /** A GraphQL query's `data`. */
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

/**
 * GitHub as one member sees it, within GitHub's limits. A failure other than an answering
 * refusal or a rate limit is GitHub failing: GitHubUnavailableError (the member's Octokit
 * has already turned a 401 into NeedsRelinkError). One requester serves one member's check.
 */
export function createFactsRequester(
  octokit: Octokit,
  cache: AnswerCache,
  opts: { token: string; maxWaitMs: number },
): FactsRequester {
  const gate = createRateLimitGate(opts.maxWaitMs);

  async function send<T>(url: string, attempt: () => Promise<Outcome<T>>, onRefusal: (r: Refusal) => T) {
    const resource = resourceOf(url);
    for (let tries = 1; ; tries++) {
      await gate.before(resource);
      const outcome = await attempt();
      if ("value" in outcome) return outcome.value;
      const { status, headers, data } = outcome.refusal;
      const message = String((data as { message?: unknown } | undefined)?.message ?? "");
      const limit = rateLimitOf(status, headers, message);
      if (!limit) {
        gate.after(headers, resource);
        return onRefusal(outcome.refusal);
      }
      if (tries >= MAX_ATTEMPTS) throw new GitHubRateLimitedError(limit.resetAt);
      await gate.wait(limit);
    }
  }

  return {
    get(route, params, read) {
      const { url } = octokit.request.endpoint(route, params);
      const cached = cache.get(opts.token, url);
      const headers = cached ? { "if-none-match": cached.etag } : {};
      return send(
        url,
        () =>
          refusalOf(async () => {
            const response = await octokit.request(route, { ...params, headers });
            gate.after(response.headers as Headers, resourceOf(url));
            const value = read({ status: response.status, data: response.data });
            if (response.headers.etag) cache.set(opts.token, url, { etag: response.headers.etag, value });
            return value;
          }),
        (refusal) => {
          if (refusal.status === 304 && cached) return cached.value as ReturnType<typeof read>;
          if (ANSWERING_REFUSALS.has(refusal.status)) return read(refusal);
          throw unavailable(url, refusal.status);
        },
      );
    },

    graphql<T>(query: string, variables: Record<string, unknown>) {
      const url = graphqlUrl(octokit.request.endpoint.DEFAULTS.baseUrl);
      return send<T>(
        url,
        async () => {
          const sent = await refusalOf(() => octokit.request({ method: "POST", url, query, variables }));
          if (!("value" in sent)) return sent;
          const { headers, data } = sent.value;
          const body = data as { data?: T; errors?: Array<{ type?: string; message?: string }> };
          const limited = body.errors?.find((e) => e.type === "RATE_LIMITED");
          // GraphQL answers an exhausted limit with 200 and an error, and x-ratelimit-remaining 0.
          if (limited) return { refusal: { status: 403, headers: headers as Headers, data: limited } };
          gate.after(headers as Headers, "graphql");
          if (body.errors?.length || body.data === undefined) throw unavailable(url, 200);
          return { value: body.data };
        },
        (refusal) => {
          throw unavailable(url, refusal.status);
        },
      );
    },
  };
}

const unavailable = (url: string, status: number) =>
  new GitHubUnavailableError(`${new URL(url).pathname} failed with HTTP ${status}`);
