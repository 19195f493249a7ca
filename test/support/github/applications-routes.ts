import { type Context, Hono } from "hono";
import { createHash } from "node:crypto";
import { accessTokenInvalid, accessTokenMissing, badCredentials, notFound } from "./api-errors.ts";
import { readBasicAuth } from "./auth-header.ts";
import { type StandInEnv, takeFailure } from "./faults.ts";
import { readJsonObject } from "./request-params.ts";
import type { AccessToken, App, State } from "./state.ts";
import { findValidAccessToken, revokeAccessToken, revokeAllTokens } from "./tokens.ts";
import { renderSimpleUser, toGitHubTime } from "./user-json.ts";

const DOCS = "https://docs.github.com/rest/apps/oauth-applications";

type Authorized = { app: App; accessToken: string } | { error: Response };

/**
 * The OAuth applications API: the app itself (Basic auth with its client id and secret)
 * checks, deletes a token, or deletes the whole grant of the token's user. Each answers only
 * what GitHub's description documents for it (test/support/api-descriptions/).
 */
export function createApplicationsRoutes(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();

  route.post("/api/v3/applications/:client_id/token", async (c) => {
    const request = await authorizeAppRequest(state, c, `${DOCS}#check-a-token`);
    if ("error" in request) return request.error;
    const record = findValidAccessToken(state, request.accessToken);
    if (!record || record.clientId !== request.app.clientId) return notFound();
    return c.json(renderAuthorization(state, request.app, record));
  });

  route.delete("/api/v3/applications/:client_id/token", async (c) => {
    const failure = takeFailure(state, "revoke-token", c);
    if (failure) return failure;
    const documentationUrl = `${DOCS}#delete-an-app-token`;
    const request = await authorizeAppRequest(state, c, documentationUrl);
    if ("error" in request) return request.error;
    const record = findValidAccessToken(state, request.accessToken);
    if (!record || record.clientId !== request.app.clientId) return accessTokenInvalid(documentationUrl);
    revokeAccessToken(state, record.token);
    state.revokedTokens.push(record.token);
    return c.body(null, 204);
  });

  route.delete("/api/v3/applications/:client_id/grant", async (c) => {
    const failure = takeFailure(state, "revoke-grant", c);
    if (failure) return failure;
    const documentationUrl = `${DOCS}#delete-an-app-authorization`;
    const request = await authorizeAppRequest(state, c, documentationUrl);
    if ("error" in request) return request.error;
    const record = findValidAccessToken(state, request.accessToken);
    if (!record || record.clientId !== request.app.clientId) return accessTokenInvalid(documentationUrl);
    revokeAllTokens(state, record.clientId, record.userId);
    state.revokedGrants.push({ clientId: record.clientId, userId: record.userId });
    return c.body(null, 204);
  });

  return route;
}

async function authorizeAppRequest(
  state: State,
  c: Context<StandInEnv>,
  documentationUrl: string,
): Promise<Authorized> {
  const credentials = readBasicAuth(c.req.header("authorization"));
  const app = credentials && state.apps.get(credentials.clientId);
  if (!credentials || !app || app.clientSecret !== credentials.clientSecret) {
    return { error: badCredentials() };
  }
  // Another app's client id in the path: these credentials are not that app's.
  if (c.req.param("client_id") !== app.clientId) return { error: badCredentials() };
  const body = await readJsonObject(c);
  const accessToken = body?.access_token;
  if (typeof accessToken !== "string" || accessToken === "") {
    return { error: accessTokenMissing(documentationUrl) };
  }
  return { app, accessToken };
}

/** The "authorization" object of POST /applications/{client_id}/token. */
function renderAuthorization(state: State, app: App, record: AccessToken) {
  const user = state.users.get(record.userId);
  return {
    id: record.id,
    url: `${state.apiUrl}/authorizations/${record.id}`,
    scopes: record.scopes,
    token: record.token,
    token_last_eight: record.token.slice(-8),
    hashed_token: createHash("sha256").update(record.token).digest("base64"),
    app: { client_id: app.clientId, name: app.name, url: state.webUrl },
    note: null,
    note_url: null,
    created_at: toGitHubTime(record.createdAt),
    updated_at: toGitHubTime(record.createdAt),
    fingerprint: null,
    expires_at: record.expiresAt === null ? null : toGitHubTime(record.expiresAt),
    user: user ? renderSimpleUser(user, state) : null,
  };
}
