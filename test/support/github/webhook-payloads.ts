import type { StandInUserInput } from "./types.ts";
import { type GitHubUrls, renderSimpleUser } from "./user-json.ts";

const GITHUB_COM: GitHubUrls = { webUrl: "https://github.com", apiUrl: "https://api.github.com" };

/**
 * The `github_app_authorization` event GitHub sends when a user revokes a GitHub App's
 * authorization; the user is the sender. Pass the stand-in's urls to match its /user answers.
 */
export function githubAppAuthorizationRevoked(user: StandInUserInput, urls: GitHubUrls = GITHUB_COM) {
  return { action: "revoked" as const, sender: renderSimpleUser(user, urls) };
}
