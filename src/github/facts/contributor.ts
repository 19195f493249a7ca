import type { FactsRequester } from "./requester.ts";

/**
 * Whether the member authored at least one merged pull request in the repository. Search
 * has its own, lower rate limit; one result is enough, as only `total_count` is read. A
 * repository search cannot see (422) counts as none.
 */
export function hasMergedPullRequest(
  ask: FactsRequester,
  repo: { owner: string; repo: string },
  login: string,
): Promise<boolean> {
  const q = `repo:${repo.owner}/${repo.repo} author:${login} is:pr is:merged`;
  return ask.get("GET /search/issues", { q, per_page: 1 }, ({ status, data }) =>
    status === 200 ? ((data as { total_count?: number }).total_count ?? 0) >= 1 : false,
  );
}
