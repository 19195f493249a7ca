import { createHash } from "node:crypto";
import type { RestReply, RestRequest, RouteDefinition } from "./router.ts";
import { generateToken } from "./snowflakes.ts";
import type { StandInState } from "./state.ts";

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const ACCESS_TOKEN_LIFETIME_S = 7 * 24 * 60 * 60;

interface Grant {
  userId: string;
  clientId: string;
  scopes: string[];
}

export interface OAuth2Token {
  scopes: string[];
  /** False once revoked (POST /oauth2/token/revoke) or expired. */
  active: boolean;
}

export interface OAuth2 {
  routes: RouteDefinition[];
  findBearer(token: string): { userId: string; scopes: string[] } | undefined;
  /** Every access token issued to the user, oldest first. */
  tokensOf(userId: string): OAuth2Token[];
  /** The user removes the app under User Settings → Authorized Apps: every token of theirs dies. */
  deauthorize(userId: string): void;
  /** The user's access tokens reach their expiry now (their refresh tokens still work). */
  expireAccessTokens(userId: string): void;
}

// RFC 7636: Discord supports S256 only (its authorization server metadata says so).
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

// Discord's authorization-code flow for "sign in with Discord": the browser is signed in as
// signIn(userId) unless a discord_user=<id> cookie says otherwise.
export function createOAuth2(state: StandInState): OAuth2 {
  const codes = new Map<
    string,
    Grant & { redirectUri: string; expiresAt: number; codeChallenge: string | null }
  >();
  const accessTokens = new Map<string, Grant & { expiresAt: number; refreshToken: string }>();
  const refreshTokens = new Map<string, Grant & { accessToken: string }>();
  const issued: Array<{ accessToken: string; userId: string; scopes: string[] }> = [];

  function authorize({ query, headers }: RestRequest): RestReply {
    const redirectUri = query.get("redirect_uri") ?? "";
    if (query.get("client_id") !== state.config.applicationId) {
      return { status: 400, body: "Unknown application (client_id)" };
    }
    if (!URL.canParse(redirectUri)) return { status: 400, body: "Invalid OAuth2 redirect_uri" };
    const target = new URL(redirectUri);
    const stateParam = query.get("state");
    if (stateParam !== null) target.searchParams.set("state", stateParam);
    const scopes = (query.get("scope") ?? "").split(/[ +]/).filter(Boolean);
    if (query.get("response_type") !== "code" || scopes.length === 0) {
      target.searchParams.set("error", scopes.length === 0 ? "invalid_scope" : "unsupported_response_type");
      return redirect(target);
    }
    const codeChallenge = query.get("code_challenge");
    if (
      codeChallenge !== null &&
      (query.get("code_challenge_method") !== "S256" || !CODE_CHALLENGE.test(codeChallenge))
    ) {
      target.searchParams.set("error", "invalid_request");
      return redirect(target);
    }
    const userId = readCookie(headers.cookie, "discord_user") ?? state.signedInUserId;
    if (!userId || !state.users.has(userId)) {
      return { status: 401, body: "No Discord user is signed in (stand-in: call signIn(userId))" };
    }
    const code = generateToken(15);
    codes.set(code, {
      userId,
      clientId: state.config.applicationId,
      scopes,
      redirectUri,
      codeChallenge,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    target.searchParams.set("code", code);
    return redirect(target);
  }

  function exchange({ body, headers }: RestRequest): RestReply {
    const form = (typeof body === "object" && body !== null ? body : {}) as Record<string, string>;
    const client = readClientCredentials(headers.authorization, form);
    if (client.id !== state.config.applicationId || client.secret !== state.config.clientSecret) {
      return { status: 401, body: { error: "invalid_client" } };
    }
    if (form.grant_type === "authorization_code") {
      const grant = codes.get(form.code ?? "");
      // Single use: a code is gone once presented, even if the rest of the request is wrong.
      codes.delete(form.code ?? "");
      if (!grant || grant.expiresAt < Date.now() || grant.redirectUri !== form.redirect_uri) {
        return invalidGrant('Invalid "code" in request.');
      }
      if (grant.codeChallenge !== null && !verifierMatches(grant.codeChallenge, form.code_verifier)) {
        return invalidGrant('Invalid "code_verifier" in request.');
      }
      return issueTokens(grant);
    }
    if (form.grant_type === "refresh_token") {
      const grant = refreshTokens.get(form.refresh_token ?? "");
      if (!grant) return invalidGrant('Invalid "refresh_token" in request.');
      revokePair(grant.accessToken);
      return issueTokens(grant);
    }
    return { status: 400, body: { error: "unsupported_grant_type" } };
  }

  function issueTokens({ userId, clientId, scopes }: Grant): RestReply {
    const grant = { userId, clientId, scopes };
    const accessToken = generateToken(22);
    const refreshToken = generateToken(22);
    accessTokens.set(accessToken, {
      ...grant,
      refreshToken,
      expiresAt: Date.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
    });
    refreshTokens.set(refreshToken, { ...grant, accessToken });
    issued.push({ accessToken, userId, scopes });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        refresh_token: refreshToken,
        scope: grant.scopes.join(" "),
      },
    };
  }

  /** The access token and its refresh token end together. */
  function revokePair(accessToken: string): void {
    const grant = accessTokens.get(accessToken);
    accessTokens.delete(accessToken);
    if (grant) refreshTokens.delete(grant.refreshToken);
  }

  // RFC 7009, as Discord's /oauth2/token/revoke: the client authenticates, and an unknown or
  // already revoked token is still a 200 (so the answer tells a caller nothing about the token).
  function revoke({ body, headers }: RestRequest): RestReply {
    const form = (typeof body === "object" && body !== null ? body : {}) as Record<string, string>;
    const client = readClientCredentials(headers.authorization, form);
    if (client.id !== state.config.applicationId || client.secret !== state.config.clientSecret) {
      return { status: 401, body: { error: "invalid_client" } };
    }
    if (!form.token) return { status: 400, body: { error: "invalid_request" } };
    const refresh = refreshTokens.get(form.token);
    revokePair(refresh ? refresh.accessToken : form.token);
    return { status: 200, body: {} };
  }

  return {
    routes: [
      {
        method: "GET",
        pattern: "/oauth2/authorize",
        auth: "none",
        unlimited: true,
        handle: authorize,
      },
      { method: "POST", pattern: "/oauth2/token", auth: "none", unlimited: true, handle: exchange },
      { method: "POST", pattern: "/oauth2/token/revoke", auth: "none", unlimited: true, handle: revoke },
    ],
    findBearer(token) {
      const grant = accessTokens.get(token);
      return grant && grant.expiresAt > Date.now()
        ? { userId: grant.userId, scopes: grant.scopes }
        : undefined;
    },
    deauthorize(userId) {
      for (const [token, grant] of accessTokens) if (grant.userId === userId) revokePair(token);
      for (const [token, grant] of refreshTokens) if (grant.userId === userId) refreshTokens.delete(token);
    },
    expireAccessTokens(userId) {
      for (const grant of accessTokens.values()) if (grant.userId === userId) grant.expiresAt = Date.now();
    },
    tokensOf(userId) {
      return issued
        .filter((token) => token.userId === userId)
        .map((token) => ({
          scopes: token.scopes,
          active: (accessTokens.get(token.accessToken)?.expiresAt ?? 0) > Date.now(),
        }));
    },
  };
}

function verifierMatches(challenge: string, verifier: string | undefined): boolean {
  if (!verifier || !CODE_VERIFIER.test(verifier)) return false;
  return createHash("sha256").update(verifier).digest("base64url") === challenge;
}

function redirect(target: URL): RestReply {
  return { status: 302, headers: { Location: target.toString() } };
}

function invalidGrant(description: string): RestReply {
  return { status: 400, body: { error: "invalid_grant", error_description: description } };
}

/** HTTP Basic (RFC 6749 §2.3.1) or client_id/client_secret in the form. */
function readClientCredentials(authorization: string | undefined, form: Record<string, string>) {
  if (authorization?.startsWith("Basic ")) {
    const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    return {
      id: decodeURIComponent(decoded.slice(0, separator)),
      secret: decodeURIComponent(decoded.slice(separator + 1)),
    };
  }
  return { id: form.client_id, secret: form.client_secret };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
