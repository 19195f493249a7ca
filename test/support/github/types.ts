import type { GitHubFacts } from "./facts-admin.ts";

/** An OAuth app or a GitHub App as registered on GitHub (only what the web flow needs). */
export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  /** "github-app" user tokens expire and come with a refresh token; "oauth-app" tokens do not. */
  kind?: "oauth-app" | "github-app";
  name?: string;
  /** Shortens a GitHub App's user token lifetime (GitHub: 28800 s), for expiry tests. */
  accessTokenTtlSec?: number;
  /** Shortens a GitHub App's refresh token lifetime (GitHub: 15897600 s), for expiry tests. */
  refreshTokenTtlSec?: number;
  /**
   * A GitHub App's installations with the Members organization permission (read): its user
   * tokens can read org and team membership there, and nowhere else.
   */
  membersPermissionOn?: string[];
}

export interface StandInUserInput {
  id: number;
  login: string;
  name?: string | null;
  avatar_url?: string;
  /** When the account was made (ISO 8601); default: when the stand-in learnt of it. */
  created_at?: string;
  public_repos?: number;
  followers?: number;
}

export type UserPatch = Partial<{
  login: string;
  name: string | null;
  avatar_url: string;
  public_repos: number;
  followers: number;
}>;

/** The endpoints whose next responses `failNext` can replace. */
/** `facts`: the org, team, starred and search endpoints role rules ask. */
export type FaultEndpoint = "token" | "user" | "revoke-token" | "revoke-grant" | "facts";

/** An HTTP error response, or "network": the socket is destroyed without any response. */
export type Failure = { status: number; body?: unknown } | "network";

export interface RecordedRequest {
  method: string;
  /** Without the query string, which may carry secrets. */
  path: string;
  /** The stand-in clock, in epoch milliseconds. */
  at: number;
  /** The answer's status (0 while unanswered). */
  status: number;
  /** Whether the request carried If-None-Match. */
  conditional: boolean;
}

export interface BrowserOptions {
  /** Acts as this user's browser (a `gh_user` cookie) instead of the one `signIn` chose. */
  userId?: number;
}

export interface GitHubStandIn {
  /** Web origin, e.g. http://127.0.0.1:PORT (the product's GITHUB_URL). */
  url: string;
  /** `${url}/api/v3`, the GitHub Enterprise Server layout (the product's GITHUB_API_URL). */
  apiUrl: string;
  close(): Promise<void>;
  registerApp(app: AppRegistration): void;
  addUser(user: StandInUserInput): void;
  updateUser(id: number, patch: UserPatch): void;
  /** The default signed-in user of the authorize page; a `gh_user=<id>` cookie overrides it. */
  signIn(userId: number): void;
  /** Clicks "Authorize" on the authorize page; resolves to the redirect's Location. */
  approve(authorizeUrl: string, opts?: BrowserOptions): Promise<string>;
  /** Clicks "Cancel" on the authorize page; resolves to the redirect's Location. */
  deny(authorizeUrl: string, opts?: BrowserOptions): Promise<string>;
  /** What the user does under Settings → Applications: every token of the app for them dies. */
  revokeAuthorization(clientId: string, userId: number): void;
  advanceTime(ms: number): void;
  setLatency(ms: number): void;
  failNext(endpoint: FaultEndpoint, failure: Failure, times?: number): void;
  readonly requests: ReadonlyArray<RecordedRequest>;
  tokenRequests(): number;
  refreshRequests(): number;
  isTokenValid(accessToken: string): boolean;
  revokedTokens(): string[];
  revokedGrants(): Array<{ clientId: string; userId: number }>;
  tokensFor(userId: number): string[];
  /** What role rules ask of GitHub: see facts-admin.ts. */
  facts: GitHubFacts;
}
