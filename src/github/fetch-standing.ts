import type { Octokit } from "octokit";
import type { GitHubStanding } from "../domain/index.ts";
import { callGitHub } from "./errors.ts";

/** The member's account age and public counts, from GET /user as the member. */
export async function fetchStanding(octokit: Octokit): Promise<GitHubStanding> {
  const { data } = await callGitHub("GET /user", () => octokit.request("GET /user"));
  return {
    login: data.login,
    createdAt: new Date(data.created_at),
    publicRepos: data.public_repos ?? 0,
    followers: data.followers ?? 0,
  };
}
