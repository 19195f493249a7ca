import type { FactsRequester } from "./requester.ts";

/**
 * Whether the member is an active member of `org`. Their own membership answers first (it
 * sees private membership, given `read:org` or a GitHub App's Members permission); when it
 * is refused (403) or not found (404), the public member list still counts.
 */
export async function isOrgMember(ask: FactsRequester, org: string, login: string): Promise<boolean> {
  const own = await ask.get("GET /user/memberships/orgs/{org}", { org }, ({ status, data }) =>
    status === 200 ? ((data as { state?: string }).state ?? null) : null,
  );
  if (own === "active") return true;
  // A pending invitation is not membership, and public membership requires an active one.
  if (own === "pending") return false;
  return ask.get(
    "GET /orgs/{org}/public_members/{username}",
    { org, username: login },
    ({ status }) => status === 204,
  );
}
