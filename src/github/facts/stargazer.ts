import type { FactsRequester } from "./requester.ts";

/** Whether the member has starred the repository: GitHub answers 204 yes, 404 no. */
export function hasStarred(ask: FactsRequester, repo: { owner: string; repo: string }): Promise<boolean> {
  return ask.get(
    "GET /user/starred/{owner}/{repo}",
    { owner: repo.owner, repo: repo.repo },
    ({ status }) => status === 204,
  );
}
