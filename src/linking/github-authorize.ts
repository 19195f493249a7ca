import { computeCodeChallenge, deriveCodeVerifier } from "../crypto/index.ts";
import { buildAuthorizeUrl } from "../github/index.ts";
import type { LinkingDeps } from "./deps.ts";

/** GitHub's authorize URL for a state, with the PKCE challenge derived from the state's secret and nonce. */
export function githubAuthorizeUrlFor(
  deps: LinkingDeps,
  claims: { secret: string; nonce: string },
  state: string,
): string {
  const codeChallenge = computeCodeChallenge(deriveCodeVerifier(claims.secret, claims.nonce));
  return buildAuthorizeUrl(deps.github, { state, codeChallenge });
}
