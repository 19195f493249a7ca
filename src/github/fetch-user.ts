import type { Octokit } from "octokit";
import type { GitHubAccount } from "../domain/index.ts";
import type { GitHubClient } from "./client.ts";
import { callGitHub } from "./errors.ts";

/** The fields of GitHub's user object that make a GitHubAccount. */
type UserData = {
  id: number | bigint | string;
  login: string;
  name?: string | null;
  avatar_url?: string;
  html_url: string;
};

/** Who the token belongs to, asked of GitHub each time rather than trusted from the browser. */
export async function fetchUser(gh: GitHubClient, accessToken: string): Promise<GitHubAccount> {
  const { data } = await callGitHub("GET /user", () =>
    gh.http(`${gh.config.apiUrl}/user`, {
      method: "GET",
      headers: { accept: "application/vnd.github.v3+json", authorization: `token ${accessToken}` },
    }),
  );
  return accountOf(data as UserData);
}

/** The member an Octokit from `octokitFor` acts as, as GitHub knows them now. */
export async function fetchAuthenticatedUser(octokit: Octokit): Promise<GitHubAccount> {
  const { data } = await callGitHub("GET /user", () => octokit.request("GET /user"));
  return accountOf(data);
}

function accountOf(data: UserData): GitHubAccount {
  return {
    id: Number(data.id),
    login: data.login,
    name: data.name ?? null,
    avatarUrl: data.avatar_url || null,
    profileUrl: data.html_url,
  };
}
