import { Octokit } from "octokit";
import type { Config } from "../config.ts";

export interface GitHubClient {
  config: Config["github"];
  redirectUri: string;
  octokit: Octokit;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * One Octokit for the OAuth endpoints and the REST API alike. Retries are off: a member is
 * waiting on the page, and a prompt "GitHub is down, try again" beats a minute of backoff.
 */
export function createGitHubClient(config: Config["github"], publicUrl: string): GitHubClient {
  const octokit = new Octokit({
    baseUrl: config.apiUrl,
    userAgent: "octolink",
    retry: { enabled: false },
    throttle: { enabled: false },
    request: { timeout: REQUEST_TIMEOUT_MS },
  });
  return { config, redirectUri: `${publicUrl}/auth/github/callback`, octokit };
}

export const basicAuth = (gh: GitHubClient): string =>
  `basic ${Buffer.from(`${gh.config.clientId}:${gh.config.clientSecret}`).toString("base64")}`;
