import type { StandInUserInput } from "./types.ts";

export interface GitHubUrls {
  webUrl: string;
  apiUrl: string;
}

/** The "simple user" object GitHub embeds in API answers and webhook payloads. */
export function renderSimpleUser(user: StandInUserInput, urls: GitHubUrls) {
  const api = `${urls.apiUrl}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    // GitHub's legacy global node id: base64 of "04:User<id>".
    node_id: Buffer.from(`04:User${user.id}`).toString("base64"),
    avatar_url: user.avatar_url ?? defaultAvatarUrl(user.id, urls.webUrl),
    gravatar_id: "",
    url: api,
    html_url: `${urls.webUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: "User",
    user_view_type: "public",
    site_admin: false,
  };
}

/** GET /user's "public user": the simple user plus the profile. */
export function renderPublicUser(
  user: StandInUserInput & { createdAt: number; updatedAt: number },
  urls: GitHubUrls,
) {
  return {
    ...renderSimpleUser(user, urls),
    name: user.name ?? null,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: user.public_repos ?? 0,
    public_gists: 0,
    followers: user.followers ?? 0,
    following: 0,
    created_at: toGitHubTime(user.createdAt),
    updated_at: toGitHubTime(user.updatedAt),
  };
}

/** The stand-in serves avatars itself, so pages that show them work offline. */
export function defaultAvatarUrl(userId: number, webUrl: string): string {
  return `${webUrl}/avatars/u/${userId}?v=4`;
}

/** GitHub's timestamps: ISO 8601 in UTC without milliseconds. */
export function toGitHubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
