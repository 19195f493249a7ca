import type { FactsRequester } from "./requester.ts";

/**
 * Whether GitHub still accepts the member's token: a conditional GET /user (a 304 costs no
 * rate limit). A refused token never gets here: the member's Octokit throws NeedsRelinkError.
 */
export function tokenAccepted(ask: FactsRequester): Promise<boolean> {
  return ask.get("GET /user", {}, ({ status }) => status === 200);
}
