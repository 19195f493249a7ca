import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Octokit, RequestError } from "octokit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type GitHubStandIn,
  githubAppAuthorizationRevoked,
  sendWebhook,
  signWebhook,
  startGitHubStandIn,
} from "./index.ts";

// The product's callback; never contacted, the tests read the redirect's Location instead.
const CALLBACK = "http://127.0.0.1:9/auth/github/callback";
const OAUTH_APP = { clientId: "Ov23liOauthApp", clientSecret: "oauth-secret", name: "Octolink" };
const GITHUB_APP = {
  clientId: "Iv23liGitHubApp",
  clientSecret: "app-secret",
  name: "Octolink App",
};
const OCTOCAT = { id: 583231, login: "octocat", name: "The Octocat" };
const HUBOT = { id: 480938, login: "hubot", name: null };

let gh: GitHubStandIn;

beforeEach(async () => {
  gh = await startGitHubStandIn();
  gh.registerApp({ ...OAUTH_APP, callbackUrl: CALLBACK });
  gh.registerApp({ ...GITHUB_APP, callbackUrl: CALLBACK, kind: "github-app" });
  gh.addUser(OCTOCAT);
  gh.addUser(HUBOT);
  gh.signIn(OCTOCAT.id);
});

afterEach(async () => {
  await gh.close();
});

function createPkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function buildAuthorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: OAUTH_APP.clientId,
    redirect_uri: CALLBACK,
    scope: "read:user user:email",
    state: "state-123",
    ...params,
  });
  return `${gh.url}/login/oauth/authorize?${query}`;
}

/** The web flow up to the callback: approve on GitHub, read code and state from the redirect. */
async function authorize(params: Record<string, string> = {}, userId?: number) {
  const pkce = createPkce();
  const location = await gh.approve(
    buildAuthorizeUrl({ code_challenge: pkce.challenge, code_challenge_method: "S256", ...params }),
    { userId },
  );
  const redirect = new URL(location);
  return { redirect, code: redirect.searchParams.get("code") ?? "", verifier: pkce.verifier };
}

/** The code exchange as @octokit/oauth-methods sends it (JSON in, JSON out). */
async function exchangeCode(params: Record<string, string>) {
  const octokit = new Octokit({ retry: { enabled: false } });
  const { data } = await octokit.request("POST /login/oauth/access_token", {
    baseUrl: gh.url,
    headers: { accept: "application/json" },
    client_id: OAUTH_APP.clientId,
    client_secret: OAUTH_APP.clientSecret,
    redirect_uri: CALLBACK,
    ...params,
  });
  return data as Record<string, string | number>;
}

async function linkUser(userId?: number): Promise<string> {
  const { code, verifier } = await authorize({}, userId);
  const data = await exchangeCode({ code, code_verifier: verifier });
  return String(data.access_token);
}

function basicAuth(app: { clientId: string; clientSecret: string }): string {
  return `basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`;
}

/** octokit's throttling spaces writes (DELETE too) 1 s apart process-wide: off, for speed. */
function createAppOctokit() {
  return new Octokit({
    baseUrl: gh.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

async function catchRequestError(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof RequestError)) throw new Error(`expected a RequestError, got ${error}`);
  return error;
}

describe("authorize page", () => {
  it("renders a plain form naming the app, the user and the scopes", async () => {
    const response = await fetch(buildAuthorizeUrl({}));
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(page).toContain('<form method="post">');
    expect(page).toMatch(/<button[^>]*value="1">Authorize<\/button>/);
    expect(page).toMatch(/<button[^>]*value="0">Cancel<\/button>/);
    expect(page).toContain("Octolink");
    expect(page).toContain("octocat");
    expect(page).toContain("<code>read:user</code>");
    expect(page).toContain("<code>user:email</code>");
    expect(page).not.toContain("<script");
  });

  it("answers 404 for an unknown client_id", async () => {
    const response = await fetch(buildAuthorizeUrl({ client_id: "nope" }));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("404");
  });

  it("reports a foreign redirect_uri to the registered callback URL, and accepts a sub-path", async () => {
    const mismatch = await fetch(buildAuthorizeUrl({ redirect_uri: "http://evil.test/cb" }), {
      redirect: "manual",
    });
    expect(mismatch.status).toBe(302);
    const location = new URL(mismatch.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(location.searchParams.get("state")).toBe("state-123");

    const subPath = await fetch(buildAuthorizeUrl({ redirect_uri: `${CALLBACK}/discord` }));
    expect(subPath.status).toBe(200);
  });

  it("refuses a code_challenge_method other than S256", async () => {
    const location = await gh.approve(
      buildAuthorizeUrl({ code_challenge: createPkce().verifier, code_challenge_method: "plain" }),
    );
    const redirect = new URL(location);
    expect(redirect.searchParams.get("error")).toBe("invalid_request");
    expect(redirect.searchParams.get("code")).toBeNull();
  });

  it("redirects a Cancel with access_denied and the state", async () => {
    const redirect = new URL(await gh.deny(buildAuthorizeUrl({})));
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get("error")).toBe("access_denied");
    expect(redirect.searchParams.get("error_description")).toBe(
      "The user has denied your application access.",
    );
    expect(redirect.searchParams.get("error_uri")).toMatch(/^https:\/\/docs\.github\.com\//);
    expect(redirect.searchParams.get("state")).toBe("state-123");
  });
});

describe("code exchange", () => {
  it("completes the web flow with PKCE: code, token, then /user", async () => {
    const { redirect, code, verifier } = await authorize();
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get("state")).toBe("state-123");
    expect(code).toMatch(/^[0-9a-f]{20}$/);

    const token = await exchangeCode({ code, code_verifier: verifier });
    expect(token).toEqual({
      access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/),
      scope: "read:user,user:email",
      token_type: "bearer",
    });

    const octokit = new Octokit({ auth: String(token.access_token), baseUrl: gh.apiUrl });
    const { data: user, headers } = await octokit.rest.users.getAuthenticated();
    expect(user).toMatchObject({
      id: OCTOCAT.id,
      login: "octocat",
      name: "The Octocat",
      type: "User",
      html_url: `${gh.url}/octocat`,
    });
    expect(headers["x-oauth-scopes"]).toBe("read:user, user:email");
    expect(headers["x-accepted-oauth-scopes"]).toBe("");
    const avatar = await fetch(user.avatar_url);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
    await avatar.arrayBuffer();
    expect(gh.tokensFor(OCTOCAT.id)).toEqual([token.access_token]);
  });

  it("refuses a wrong code_verifier, without using up the code", async () => {
    const { code, verifier } = await authorize();
    const refused = await exchangeCode({ code, code_verifier: createPkce().verifier });
    expect(refused.error).toBe("bad_verification_code");
    expect(refused.error_description).toContain("code_verifier");
    expect((await exchangeCode({ code, code_verifier: verifier })).access_token).toBeDefined();
  });

  it("requires the code_verifier when the code was issued for a challenge", async () => {
    const { code } = await authorize();
    const refused = await exchangeCode({ code });
    expect(refused).toMatchObject({
      error: "bad_verification_code",
      error_uri: expect.any(String),
    });
  });

  it("takes a code once, and revokes what it bought when it is replayed", async () => {
    const { code, verifier } = await authorize();
    const first = await exchangeCode({ code, code_verifier: verifier });
    const second = await exchangeCode({ code, code_verifier: verifier });
    expect(second).toEqual({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: expect.stringContaining("#bad-verification-code"),
    });
    expect(gh.isTokenValid(String(first.access_token))).toBe(false);
  });

  it("lets a code expire after 10 minutes of the stand-in clock", async () => {
    const { code, verifier } = await authorize();
    gh.advanceTime(11 * 60 * 1000);
    const refused = await exchangeCode({ code, code_verifier: verifier });
    expect(refused.error).toBe("bad_verification_code");
  });

  it("refuses a redirect_uri other than the authorize step's", async () => {
    const { code, verifier } = await authorize();
    const refused = await exchangeCode({
      code,
      code_verifier: verifier,
      redirect_uri: `${CALLBACK}/other`,
    });
    expect(refused.error).toBe("redirect_uri_mismatch");
  });

  it("answers a wrong client secret with incorrect_client_credentials and HTTP 200", async () => {
    const { code, verifier } = await authorize();
    const response = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        client_id: OAUTH_APP.clientId,
        client_secret: "wrong",
        code,
        code_verifier: verifier,
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      error: "incorrect_client_credentials",
      error_description: "The client_id and/or client_secret passed are incorrect.",
      error_uri: expect.stringContaining("#incorrect-client-credentials"),
    });
  });

  it("answers form-encoded unless asked for JSON, and reads a form-encoded body", async () => {
    const { code, verifier } = await authorize();
    const form = new URLSearchParams({
      client_id: OAUTH_APP.clientId,
      client_secret: OAUTH_APP.clientSecret,
      code,
      code_verifier: verifier,
      redirect_uri: CALLBACK,
    });
    const response = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: "POST",
      body: form,
    });
    expect(response.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    const answer = new URLSearchParams(await response.text());
    expect(answer.get("access_token")).toMatch(/^gho_/);
    expect(answer.get("scope")).toBe("read:user,user:email");
    expect(answer.get("token_type")).toBe("bearer");

    const replay = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: "POST",
      body: form,
    });
    expect(new URLSearchParams(await replay.text()).get("error")).toBe("bad_verification_code");
  });
});

describe("API", () => {
  it("answers /user with a revoked token with 401 Bad credentials", async () => {
    const token = await linkUser();
    await createAppOctokit().request("DELETE /applications/{client_id}/token", {
      client_id: OAUTH_APP.clientId,
      access_token: token,
      headers: { authorization: basicAuth(OAUTH_APP) },
    });
    const octokit = new Octokit({ auth: token, baseUrl: gh.apiUrl });
    const error = await catchRequestError(octokit.rest.users.getAuthenticated());
    expect(error.status).toBe(401);
    expect(error.response?.data).toEqual({
      message: "Bad credentials",
      documentation_url: expect.any(String),
      status: "401",
    });
  });

  it("shows a renamed user", async () => {
    const token = await linkUser();
    gh.updateUser(OCTOCAT.id, { login: "octocat-renamed", name: null });
    const { data } = await new Octokit({ auth: token, baseUrl: gh.apiUrl }).request("GET /user");
    expect(data).toMatchObject({ id: OCTOCAT.id, login: "octocat-renamed", name: null });
  });

  it("deletes a token: 204, then 404; 401 for wrong Basic auth; 422 without a token", async () => {
    const token = await linkUser();
    const octokit = createAppOctokit();
    // A plain string route, so the body may leave out access_token for the 422 case.
    const route: string = "DELETE /applications/{client_id}/token";
    const deleteToken = (authorization: string, accessToken?: string) =>
      octokit.request(route, {
        client_id: OAUTH_APP.clientId,
        headers: { authorization },
        ...(accessToken === undefined ? {} : { access_token: accessToken }),
      });

    const wrongAuth = basicAuth({ ...OAUTH_APP, clientSecret: "wrong" });
    expect((await catchRequestError(deleteToken(wrongAuth, token))).status).toBe(401);
    expect((await catchRequestError(deleteToken(basicAuth(OAUTH_APP)))).status).toBe(422);
    expect(gh.isTokenValid(token)).toBe(true);

    expect((await deleteToken(basicAuth(OAUTH_APP), token)).status).toBe(204);
    expect(gh.isTokenValid(token)).toBe(false);
    expect(gh.revokedTokens()).toEqual([token]);
    expect((await catchRequestError(deleteToken(basicAuth(OAUTH_APP), token))).status).toBe(404);
  });

  it("deletes a grant: every token of that user for that app dies", async () => {
    const first = await linkUser();
    const second = await linkUser();
    const hubots = await linkUser(HUBOT.id);
    const response = await createAppOctokit().request("DELETE /applications/{client_id}/grant", {
      client_id: OAUTH_APP.clientId,
      access_token: first,
      headers: { authorization: basicAuth(OAUTH_APP) },
    });
    expect(response.status).toBe(204);
    expect([gh.isTokenValid(first), gh.isTokenValid(second)]).toEqual([false, false]);
    expect(gh.tokensFor(OCTOCAT.id)).toEqual([]);
    expect(gh.tokensFor(HUBOT.id)).toEqual([hubots]);
    expect(gh.revokedGrants()).toEqual([{ clientId: OAUTH_APP.clientId, userId: OCTOCAT.id }]);
  });

  it("checks a token: its authorization, or 404", async () => {
    const token = await linkUser();
    const octokit = createAppOctokit();
    const { data } = await octokit.rest.apps.checkToken({
      client_id: OAUTH_APP.clientId,
      access_token: token,
      headers: { authorization: basicAuth(OAUTH_APP) },
    });
    expect(data).toMatchObject({
      token,
      scopes: ["read:user", "user:email"],
      app: { client_id: OAUTH_APP.clientId, name: "Octolink" },
      user: { id: OCTOCAT.id, login: "octocat" },
      expires_at: null,
    });
    const unknown = octokit.rest.apps.checkToken({
      client_id: OAUTH_APP.clientId,
      access_token: "gho_unknown",
      headers: { authorization: basicAuth(OAUTH_APP) },
    });
    expect((await catchRequestError(unknown)).status).toBe(404);
  });
});

describe("GitHub App user tokens", () => {
  async function authorizeGitHubApp() {
    const { code, verifier } = await authorize({ client_id: GITHUB_APP.clientId });
    return await exchangeCode({
      client_id: GITHUB_APP.clientId,
      client_secret: GITHUB_APP.clientSecret,
      code,
      code_verifier: verifier,
    });
  }

  function refresh(refreshToken: string) {
    return exchangeCode({
      client_id: GITHUB_APP.clientId,
      client_secret: GITHUB_APP.clientSecret,
      grant_type: "refresh_token",
      refresh_token: refreshToken,
    });
  }

  it("expire, come with a single-use refresh token, and rotate on refresh", async () => {
    const first = await authorizeGitHubApp();
    expect(first).toEqual({
      access_token: expect.stringMatching(/^ghu_[A-Za-z0-9]{36}$/),
      expires_in: 28_800,
      refresh_token: expect.stringMatching(/^ghr_[A-Za-z0-9]{36}$/),
      refresh_token_expires_in: 15_897_600,
      scope: "",
      token_type: "bearer",
    });

    const second = await refresh(String(first.refresh_token));
    expect(second.access_token).toMatch(/^ghu_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(gh.isTokenValid(String(first.access_token))).toBe(false);
    expect(gh.isTokenValid(String(second.access_token))).toBe(true);

    const reused = await refresh(String(first.refresh_token));
    expect(reused).toMatchObject({ error: "bad_refresh_token" });
    expect(gh.refreshRequests()).toBe(2);
    expect(gh.tokenRequests()).toBe(3);
  });

  it("expire on the stand-in clock, as do refresh tokens", async () => {
    gh.registerApp({
      ...GITHUB_APP,
      callbackUrl: CALLBACK,
      kind: "github-app",
      accessTokenTtlSec: 60,
      refreshTokenTtlSec: 120,
    });
    const tokens = await authorizeGitHubApp();
    expect(tokens).toMatchObject({ expires_in: 60, refresh_token_expires_in: 120 });
    const octokit = new Octokit({ auth: String(tokens.access_token), baseUrl: gh.apiUrl });

    gh.advanceTime(61_000);
    expect((await catchRequestError(octokit.request("GET /user"))).status).toBe(401);
    gh.advanceTime(60_000);
    expect(await refresh(String(tokens.refresh_token))).toMatchObject({
      error: "bad_refresh_token",
    });
  });
});

describe("test controls", () => {
  it("acts as another browser's user through the gh_user cookie", async () => {
    const token = await linkUser(HUBOT.id);
    const { data } = await new Octokit({ auth: token, baseUrl: gh.apiUrl }).request("GET /user");
    expect(data.login).toBe("hubot");
  });

  it("asks to sign in when the browser's user is unknown", async () => {
    const response = await fetch(buildAuthorizeUrl({}), { headers: { cookie: "gh_user=999" } });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("Sign in");
  });

  it("revokes an authorization as the user would in their settings", async () => {
    const token = await linkUser();
    gh.revokeAuthorization(OAUTH_APP.clientId, OCTOCAT.id);
    expect(gh.isTokenValid(token)).toBe(false);
    expect(gh.revokedGrants()).toEqual([]);
  });

  it("delays every response by the set latency", async () => {
    gh.setLatency(150);
    const started = performance.now();
    await (await fetch(buildAuthorizeUrl({}))).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("destroys the socket for a network failure, once", async () => {
    const token = await linkUser();
    gh.failNext("user", "network");
    const octokit = new Octokit({ auth: token, baseUrl: gh.apiUrl, retry: { enabled: false } });
    const error = await catchRequestError(octokit.request("GET /user"));
    expect(error.message).toMatch(/fetch failed|socket|other side closed/i);
    expect((await octokit.request("GET /user")).status).toBe(200);
  });

  it("fails the token endpoint with an injected 502, which octokit's retry rides out", async () => {
    const { code, verifier } = await authorize();
    gh.failNext("token", { status: 502, body: { message: "Server Error" } });
    const error = await catchRequestError(exchangeCode({ code, code_verifier: verifier }));
    expect(error.status).toBe(502);
    expect(error.response?.data).toEqual({ message: "Server Error" });

    const token = await linkUser();
    gh.failNext("user", { status: 503 }, 2);
    const retrying = new Octokit({
      auth: token,
      baseUrl: gh.apiUrl,
      retry: { retryAfterBaseValue: 1 },
    });
    expect((await retrying.request("GET /user")).status).toBe(200);
    expect(gh.requests.filter((r) => r.path === "/api/v3/user")).toHaveLength(3);
  });

  it("records method and path only, and moves its Date header with the clock", async () => {
    const { code, verifier } = await authorize();
    await exchangeCode({ code, code_verifier: verifier });
    for (const request of gh.requests) {
      expect(request.path).not.toContain("?");
      expect(request.path).not.toContain(verifier);
    }
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /login/oauth/authorize",
      "POST /login/oauth/authorize",
      "POST /login/oauth/access_token",
    ]);

    gh.advanceTime(3_600_000);
    const response = await fetch(`${gh.url}/nowhere`);
    await response.text();
    const skew = Date.parse(response.headers.get("date") ?? "") - Date.now();
    expect(skew).toBeGreaterThan(3_590_000);
  });
});

describe("webhooks", () => {
  it("signs and delivers a github_app_authorization revoked event", async () => {
    const received: Array<{ headers: Headers; body: string }> = [];
    const receiver = new Hono().post("/webhooks/github", async (c) => {
      received.push({ headers: c.req.raw.headers, body: await c.req.text() });
      return c.body(null, 204);
    });
    const server = createAdaptorServer({ fetch: receiver.fetch });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    try {
      const payload = githubAppAuthorizationRevoked(OCTOCAT, { webUrl: gh.url, apiUrl: gh.apiUrl });
      const response = await sendWebhook(`http://127.0.0.1:${port}/webhooks/github`, {
        event: "github_app_authorization",
        payload,
        secret: "webhook-secret",
        deliveryId: "delivery-1",
      });
      expect(response.status).toBe(204);
    } finally {
      server.close();
    }

    const [delivery] = received;
    const body = delivery?.body ?? "";
    expect(delivery?.headers.get("x-github-event")).toBe("github_app_authorization");
    expect(delivery?.headers.get("x-github-delivery")).toBe("delivery-1");
    const expected = `sha256=${createHmac("sha256", "webhook-secret").update(body).digest("hex")}`;
    expect(delivery?.headers.get("x-hub-signature-256")).toBe(expected);
    expect(signWebhook("webhook-secret", body)).toBe(expected);
    expect(JSON.parse(body)).toMatchObject({
      action: "revoked",
      sender: { id: OCTOCAT.id, login: "octocat", type: "User", html_url: `${gh.url}/octocat` },
    });
  });
});
