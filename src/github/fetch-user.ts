import type { GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  avatarUrl: string | null;
  htmlUrl: string;
}

/** Who the token belongs to, asked of GitHub each time rather than trusted from the browser. */
export async function fetchUser(gh: GitHubClient, accessToken: string): Promise<GitHubUser> {
  const { data } = await callGitHub("GET /user", () =>
    gh.octokit.request("GET /user", { headers: { authorization: `token ${accessToken}` } }),
  );
  return {
    id: Number(data.id),
    login: data.login,
    name: data.name ?? null,
    avatarUrl: data.avatar_url || null,
    htmlUrl: data.html_url,
  };
}
