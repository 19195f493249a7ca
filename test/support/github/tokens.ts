import { randomInt } from "node:crypto";
import { type AccessToken, type App, now, type State } from "./state.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** GitHub's token shape: a type prefix and 36 base62 characters (gho_, ghu_, ghr_). */
function generateToken(prefix: "gho" | "ghu" | "ghr"): string {
  let body = "";
  for (let i = 0; i < 36; i++) body += BASE62[randomInt(BASE62.length)];
  return `${prefix}_${body}`;
}

export interface IssuedTokens {
  accessToken: string;
  scopes: string[];
  /** Only GitHub Apps (with expiring user tokens) get an expiry and a refresh token. */
  expiring: { accessTtlSec: number; refreshToken: string; refreshTtlSec: number } | null;
}

export function issueTokens(state: State, app: App, userId: number, scopes: string[]): IssuedTokens {
  const createdAt = now(state);
  const isGitHubApp = app.kind === "github-app";
  const accessToken: AccessToken = {
    id: state.nextTokenId++,
    token: generateToken(isGitHubApp ? "ghu" : "gho"),
    clientId: app.clientId,
    userId,
    scopes,
    createdAt,
    expiresAt: isGitHubApp ? createdAt + app.accessTokenTtlSec * 1000 : null,
  };
  state.accessTokens.set(accessToken.token, accessToken);
  if (!isGitHubApp) return { accessToken: accessToken.token, scopes, expiring: null };
  const refreshToken = generateToken("ghr");
  state.refreshTokens.set(refreshToken, {
    token: refreshToken,
    clientId: app.clientId,
    userId,
    scopes,
    expiresAt: createdAt + app.refreshTokenTtlSec * 1000,
    accessToken: accessToken.token,
  });
  return {
    accessToken: accessToken.token,
    scopes,
    expiring: {
      accessTtlSec: app.accessTokenTtlSec,
      refreshToken,
      refreshTtlSec: app.refreshTokenTtlSec,
    },
  };
}

/** A live access token: issued, not revoked and not expired. */
export function findValidAccessToken(state: State, token: string): AccessToken | null {
  const record = state.accessTokens.get(token);
  if (!record) return null;
  if (record.expiresAt !== null && record.expiresAt <= now(state)) return null;
  return record;
}

/** Exchanges a refresh token for a new pair; the old pair stops working, as GitHub documents. */
export function redeemRefreshToken(state: State, app: App, token: string): IssuedTokens | null {
  const record = state.refreshTokens.get(token);
  if (!record || record.clientId !== app.clientId || record.expiresAt <= now(state)) return null;
  state.refreshTokens.delete(token);
  state.accessTokens.delete(record.accessToken);
  return issueTokens(state, app, record.userId, record.scopes);
}

export function revokeAccessToken(state: State, token: string): void {
  state.accessTokens.delete(token);
  for (const [refreshToken, record] of state.refreshTokens) {
    if (record.accessToken === token) state.refreshTokens.delete(refreshToken);
  }
}

/** Kills every access and refresh token the user gave the app. */
export function revokeAllTokens(state: State, clientId: string, userId: number): void {
  const belongs = (record: { clientId: string; userId: number }) =>
    record.clientId === clientId && record.userId === userId;
  for (const [token, record] of state.accessTokens) {
    if (belongs(record)) state.accessTokens.delete(token);
  }
  for (const [token, record] of state.refreshTokens) {
    if (belongs(record)) state.refreshTokens.delete(token);
  }
}
