import { createFactsState, type FactsState } from "./facts-state.ts";
import { createRateLimits, type RateLimits } from "./rate-limits.ts";
import type { AppRegistration, Failure, FaultEndpoint, RecordedRequest } from "./types.ts";

export interface App {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  kind: "oauth-app" | "github-app";
  name: string;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  /** Orgs where this GitHub App is installed with the Members organization permission (read). */
  membersPermissionOn: string[];
}

export interface User {
  id: number;
  login: string;
  name: string | null;
  /** Unset: the stand-in's own avatar route. */
  avatar_url?: string;
  public_repos?: number;
  followers?: number;
  createdAt: number;
  updatedAt: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  /** The redirect_uri the browser was sent to, which the exchange must repeat if it sends one. */
  redirectUri: string;
  codeChallenge: string | null;
  userId: number;
  scopes: string[];
  expiresAt: number;
  used: boolean;
  /** Access tokens issued from this code, revoked if the code is replayed. */
  issuedTokens: string[];
}

export interface AccessToken {
  /** The id GitHub's API shows for it (POST /applications/{client_id}/token). */
  id: number;
  token: string;
  clientId: string;
  userId: number;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
}

interface RefreshToken {
  token: string;
  clientId: string;
  userId: number;
  scopes: string[];
  expiresAt: number;
  /** The access token issued with it, which dies when this refresh token is used. */
  accessToken: string;
}

export interface State {
  webUrl: string;
  apiUrl: string;
  apps: Map<string, App>;
  users: Map<number, User>;
  codes: Map<string, AuthorizationCode>;
  accessTokens: Map<string, AccessToken>;
  refreshTokens: Map<string, RefreshToken>;
  revokedTokens: string[];
  revokedGrants: Array<{ clientId: string; userId: number }>;
  requests: RecordedRequest[];
  refreshRequests: number;
  nextTokenId: number;
  signedInUserId: number | null;
  clockOffsetMs: number;
  latencyMs: number;
  faults: Map<FaultEndpoint, Failure[]>;
  facts: FactsState;
  rateLimits: RateLimits;
}

/** GitHub's documented lifetimes. */
export const CODE_TTL_MS = 10 * 60 * 1000;
const ACCESS_TOKEN_TTL_SEC = 28_800;
const REFRESH_TOKEN_TTL_SEC = 15_897_600;

export function createState(webUrl: string): State {
  return {
    webUrl,
    apiUrl: `${webUrl}/api/v3`,
    apps: new Map(),
    users: new Map(),
    codes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    revokedTokens: [],
    revokedGrants: [],
    requests: [],
    refreshRequests: 0,
    nextTokenId: 1,
    signedInUserId: null,
    clockOffsetMs: 0,
    latencyMs: 0,
    faults: new Map(),
    facts: createFactsState(),
    rateLimits: createRateLimits(),
  };
}

/** The stand-in's clock: real time plus whatever `advanceTime` added. */
export function now(state: State): number {
  return Date.now() + state.clockOffsetMs;
}

export function toApp(registration: AppRegistration): App {
  return {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    callbackUrl: registration.callbackUrl,
    kind: registration.kind ?? "oauth-app",
    name: registration.name ?? registration.clientId,
    accessTokenTtlSec: registration.accessTokenTtlSec ?? ACCESS_TOKEN_TTL_SEC,
    refreshTokenTtlSec: registration.refreshTokenTtlSec ?? REFRESH_TOKEN_TTL_SEC,
    membersPermissionOn: (registration.membersPermissionOn ?? []).map((org) => org.toLowerCase()),
  };
}
