import type { FactsRequester } from "./requester.ts";

/** Whether the member is an active member of the team `org/team_slug` (pending invitations are not). */
export function isTeamMember(
  ask: FactsRequester,
  team: { org: string; slug: string },
  login: string,
): Promise<boolean> {
  return ask.get(
    "GET /orgs/{org}/teams/{team_slug}/memberships/{username}",
    { org: team.org, team_slug: team.slug, username: login },
    ({ status, data }) => status === 200 && (data as { state?: string }).state === "active",
  );
}
