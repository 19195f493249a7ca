import { Hono } from "hono";
import { findRedeemableCode } from "./codes.ts";
import { type StandInEnv, takeFailure } from "./faults.ts";
import {
  badCodeVerifier,
  badRefreshToken,
  badVerificationCode,
  incorrectClientCredentials,
  type OAuthError,
  tokenRedirectUriMismatch,
  unsupportedGrantType,
} from "./oauth-errors.ts";
import { respondOAuth } from "./oauth-response.ts";
import { verifyCodeVerifier } from "./pkce.ts";
import { readOAuthParams } from "./request-params.ts";
import type { App, State } from "./state.ts";
import { type IssuedTokens, issueTokens, redeemRefreshToken, revokeAccessToken } from "./tokens.ts";

/** POST /login/oauth/access_token: the code grant and the refresh grant. */
export function createTokenRoute(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  route.post("/login/oauth/access_token", async (c) => {
    const params = await readOAuthParams(c);
    if (params.grant_type === "refresh_token") state.refreshRequests++;
    const failure = takeFailure(state, "token", c);
    if (failure) return failure;
    const result = grantTokens(state, params);
    return respondOAuth(c, "error" in result ? { ...result } : toTokenResponse(result));
  });
  return route;
}

function grantTokens(state: State, params: Record<string, string>): IssuedTokens | OAuthError {
  const grantType = params.grant_type ?? "authorization_code";
  if (grantType !== "authorization_code" && grantType !== "refresh_token") {
    return unsupportedGrantType;
  }
  const app = state.apps.get(params.client_id ?? "");
  if (!app || params.client_secret !== app.clientSecret) return incorrectClientCredentials;
  if (grantType === "refresh_token") {
    return redeemRefreshToken(state, app, params.refresh_token ?? "") ?? badRefreshToken;
  }
  return exchangeCode(state, app, params);
}

function exchangeCode(state: State, app: App, params: Record<string, string>): IssuedTokens | OAuthError {
  const codeParam = params.code ?? "";
  const code = findRedeemableCode(state, app.clientId, codeParam);
  if (!code) {
    revokeTokensOfReplayedCode(state, app, codeParam);
    return badVerificationCode;
  }
  if (params.redirect_uri !== undefined && params.redirect_uri !== code.redirectUri) {
    return tokenRedirectUriMismatch;
  }
  if (code.codeChallenge !== null) {
    const verifier = params.code_verifier;
    if (!verifier) {
      return badCodeVerifier("The code_verifier is required: the code was issued for a code_challenge.");
    }
    if (!verifyCodeVerifier(code.codeChallenge, verifier)) {
      return badCodeVerifier("The code_verifier does not match the code_challenge.");
    }
  }
  code.used = true;
  const issued = issueTokens(state, app, code.userId, code.scopes);
  code.issuedTokens.push(issued.accessToken);
  return issued;
}

/** OAuth 2 (RFC 6749 §4.1.2): a code used twice may be stolen, so what it bought is revoked. */
function revokeTokensOfReplayedCode(state: State, app: App, code: string): void {
  const record = state.codes.get(code);
  if (!record?.used || record.clientId !== app.clientId) return;
  for (const token of record.issuedTokens) revokeAccessToken(state, token);
}

function toTokenResponse(issued: IssuedTokens): Record<string, string | number> {
  const expiring = issued.expiring;
  return {
    access_token: issued.accessToken,
    ...(expiring && {
      expires_in: expiring.accessTtlSec,
      refresh_token: expiring.refreshToken,
      refresh_token_expires_in: expiring.refreshTtlSec,
    }),
    // GitHub joins scopes with commas here (and with ", " in X-OAuth-Scopes).
    scope: issued.scopes.join(","),
    token_type: "bearer",
  };
}
