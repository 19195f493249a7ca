import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { issueCode } from "./codes.ts";
import type { StandInEnv } from "./faults.ts";
import {
  accessDenied,
  authorizeRedirectUriMismatch,
  invalidAuthorizeRequest,
  type OAuthError,
} from "./oauth-errors.ts";
import { renderAuthorizePage, renderNotFoundPage, renderSignInRequiredPage } from "./pages.ts";
import { isValidCodeChallenge } from "./pkce.ts";
import { matchesCallbackUrl, withParams } from "./redirect-uri.ts";
import type { App, State, User } from "./state.ts";

interface AuthorizeRequest {
  app: App;
  user: User;
  redirectUri: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | null;
}

/**
 * GET /login/oauth/authorize shows the consent page; its form POSTs back to the same URL,
 * which redirects to the app with a code (Authorize) or with error=access_denied (Cancel).
 */
export function createAuthorizeRoutes(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();

  route.get("/login/oauth/authorize", (c) => {
    const request = readAuthorizeRequest(state, c);
    if (request instanceof Response) return request;
    return c.html(renderAuthorizePage({ ...request, webUrl: state.webUrl }));
  });

  route.post("/login/oauth/authorize", async (c) => {
    const request = readAuthorizeRequest(state, c);
    if (request instanceof Response) return request;
    const form = await c.req.parseBody();
    if (form.authorize !== "1") return redirectWithError(c, request.redirectUri, accessDenied, request.state);
    const code = issueCode(state, {
      clientId: request.app.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      userId: request.user.id,
      scopes: request.scopes,
    });
    return c.redirect(withParams(request.redirectUri, { code, state: request.state }), 302);
  });

  return route;
}

/** The checks GitHub makes before it shows the page, in its order; a Response when one fails. */
function readAuthorizeRequest(state: State, c: Context<StandInEnv>): AuthorizeRequest | Response {
  const query = c.req.query();
  const app = state.apps.get(query.client_id ?? "");
  if (!app) return c.html(renderNotFoundPage(), 404);
  const redirectUri = query.redirect_uri || app.callbackUrl;
  // A redirect_uri that is not the app's goes nowhere near it: GitHub reports to the registered URL.
  if (!matchesCallbackUrl(app.callbackUrl, redirectUri)) {
    return redirectWithError(c, app.callbackUrl, authorizeRedirectUriMismatch, query.state);
  }
  const codeChallenge = query.code_challenge || null;
  if (codeChallenge !== null && query.code_challenge_method !== "S256") {
    const error = invalidAuthorizeRequest("Only the S256 code_challenge_method is supported.");
    return redirectWithError(c, redirectUri, error, query.state);
  }
  if (codeChallenge !== null && !isValidCodeChallenge(codeChallenge)) {
    const error = invalidAuthorizeRequest("The code_challenge must be 43 base64url characters.");
    return redirectWithError(c, redirectUri, error, query.state);
  }
  const user = findSignedInUser(state, c);
  if (!user) return c.html(renderSignInRequiredPage(), 401);
  return {
    app,
    user,
    redirectUri,
    state: query.state,
    // GitHub Apps ask for permissions at registration, not scopes: their tokens have none.
    scopes: app.kind === "github-app" ? [] : parseScopes(query.scope ?? ""),
    codeChallenge,
  };
}

/** The browser's user: its `gh_user` cookie (several browsers in one test), else `signIn`'s. */
function findSignedInUser(state: State, c: Context<StandInEnv>): User | undefined {
  const cookie = getCookie(c, "gh_user");
  const userId = cookie === undefined ? state.signedInUserId : Number(cookie);
  return userId === null ? undefined : state.users.get(userId);
}

/** GitHub takes scopes separated by spaces or commas. */
function parseScopes(scope: string): string[] {
  return [...new Set(scope.split(/[\s,]+/).filter(Boolean))];
}

function redirectWithError(
  c: Context<StandInEnv>,
  target: string,
  error: OAuthError,
  state: string | undefined,
): Response {
  return c.redirect(withParams(target, { ...error, state }), 302);
}
