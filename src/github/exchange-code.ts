import { CodeRejectedError } from "../errors/index.ts";
import type { GitHubClient } from "./client.ts";
import { requestToken, type IssuedTokens } from "./token-endpoint.ts";

const REFUSED_CODE_ERRORS = new Set(["bad_verification_code", "invalid_grant"]);

/** The web flow's last step: the code from the callback, with the PKCE verifier and the same redirect_uri. */
export function exchangeCode(
  gh: GitHubClient,
  params: { code: string; codeVerifier: string },
): Promise<IssuedTokens> {
  return requestToken(gh, {
    name: "token exchange",
    params: { code: params.code, redirect_uri: gh.redirectUri, code_verifier: params.codeVerifier },
    refusedErrors: REFUSED_CODE_ERRORS,
    refused: () => new CodeRejectedError(),
  });
}
