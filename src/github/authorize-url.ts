import type { GitHubClient } from "./client.ts";

/** GitHub's authorize page; `prompt=select_account` lets a member pick which account to link. */
export function buildAuthorizeUrl(
  gh: GitHubClient,
  params: { state: string; codeChallenge: string },
): string {
  const url = new URL(`${gh.config.url}/login/oauth/authorize`);
  url.search = new URLSearchParams({
    client_id: gh.config.clientId,
    redirect_uri: gh.redirectUri,
    scope: gh.config.scopes.join(" "),
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: "S256",
    allow_signup: "true",
    prompt: "select_account",
  }).toString();
  return url.toString();
}
