import type { Org } from "./facts-state.ts";
import type { User } from "./state.ts";
import { type GitHubUrls, renderSimpleUser } from "./user-json.ts";

/** GitHub's "organization simple" object. */
export function renderOrgSimple(org: Org, urls: GitHubUrls) {
  const api = `${urls.apiUrl}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: Buffer.from(`04:Organization${org.id}`).toString("base64"),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${urls.webUrl}/avatars/u/${org.id}?v=4`,
    description: null,
  };
}

/** GET /user/memberships/orgs/{org}'s answer. */
export function renderOrgMembership(org: Org, user: User, urls: GitHubUrls) {
  const membership = org.members.get(user.id);
  return {
    url: `${urls.apiUrl}/orgs/${org.login}/memberships/${user.login}`,
    state: membership?.state ?? "active",
    role: membership?.role ?? "member",
    organization_url: `${urls.apiUrl}/orgs/${org.login}`,
    organization: renderOrgSimple(org, urls),
    user: renderSimpleUser(user, urls),
  };
}
