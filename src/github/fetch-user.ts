import type { Octokit } from "octokit";
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
export const fetchUser = (gh: GitHubClient, accessToken: string): Promise<GitHubUser> =>
  fetchUserWith(gh.octokit, { authorization: `token ${accessToken}` });

/** The member an Octokit from `octokitFor` acts as, as GitHub knows them now. */
export const fetchAuthenticatedUser = (octokit: Octokit): Promise<GitHubUser> => fetchUserWith(octokit, {});

async function fetchUserWith(octokit: Octokit, headers: Record<string, string>): Promise<GitHubUser> {
  const { data } = await callGitHub("GET /user", () => octokit.request("GET /user", { headers }));
  return {
    id: Number(data.id),
    login: data.login,
    name: data.name ?? null,
    avatarUrl: data.avatar_url || null,
    htmlUrl: data.html_url,
  };
}
