import type { Octokit } from "octokit";
import type { GitHubAccount } from "../domain/index.ts";
import type { GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

/** Who the token belongs to, asked of GitHub each time rather than trusted from the browser. */
export const fetchUser = (gh: GitHubClient, accessToken: string): Promise<GitHubAccount> =>
  fetchUserWith(gh.octokit, { authorization: `token ${accessToken}` });

/** The member an Octokit from `octokitFor` acts as, as GitHub knows them now. */
export const fetchAuthenticatedUser = (octokit: Octokit): Promise<GitHubAccount> =>
  fetchUserWith(octokit, {});

async function fetchUserWith(octokit: Octokit, headers: Record<string, string>): Promise<GitHubAccount> {
  const { data } = await callGitHub("GET /user", () => octokit.request("GET /user", { headers }));
  return {
    id: Number(data.id),
    login: data.login,
    name: data.name ?? null,
    avatarUrl: data.avatar_url || null,
    profileUrl: data.html_url,
  };
}
