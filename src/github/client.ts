import { Octokit } from "octokit";
import type { Config } from "../config.ts";
import { type AnswerCache, createAnswerCache } from "./facts/answer-cache.ts";

export interface GitHubClient {
  config: Config["github"];
  redirectUri: string;
  octokit: Octokit;
  /** GitHub's last answers to members' fact checks, revalidated with If-None-Match. */
  answers: AnswerCache;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Retries are off: a member is waiting on the page or the command, and a prompt "GitHub is
 * down, try again" beats a minute of backoff.
 */
const baseOptions = (config: Config["github"]) => ({
  baseUrl: config.apiUrl,
  userAgent: "octolink",
  retry: { enabled: false },
  throttle: { enabled: false },
  request: { timeout: REQUEST_TIMEOUT_MS },
});

/** One Octokit for the OAuth endpoints and the app's REST calls alike. */
export function createGitHubClient(config: Config["github"], publicUrl: string): GitHubClient {
  const octokit = new Octokit(baseOptions(config));
  return {
    config,
    redirectUri: `${publicUrl}/auth/github/callback`,
    octokit,
    answers: createAnswerCache(),
  };
}

/** An Octokit acting as a member; features get it through linking's `octokitFor`, not from here. */
export const createUserOctokit = (gh: GitHubClient, accessToken: string): Octokit =>
  new Octokit({ ...baseOptions(gh.config), auth: accessToken });

export const basicAuth = (gh: GitHubClient): string =>
  `basic ${Buffer.from(`${gh.config.clientId}:${gh.config.clientSecret}`).toString("base64")}`;
