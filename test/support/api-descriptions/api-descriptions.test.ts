import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordStandIn, startDiscordStandIn } from "../discord/index.ts";
import {
  githubAppAuthorizationRevoked,
  type GitHubStandIn,
  sendWebhook,
  startGitHubStandIn,
} from "../github/index.ts";
import { findDiscordDescription } from "./documents.ts";
import { EXEMPT_ENDPOINTS } from "./exemptions.ts";
import { assertNoViolations, provokeViolations, recordViolation, takeViolations } from "./index.ts";

// The check itself: deliberately wrong requests and answers must be reported, with the
// operation, the field and the value, or a passing run would prove nothing.

const APP = {
  clientId: "Iv23liSelfTest",
  clientSecret: "self-test-secret",
  callbackUrl: "http://127.0.0.1:9/cb",
};
const MONA = { id: 7001, login: "mona" };
const basic = `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString("base64")}`;

let gh: GitHubStandIn;
let discord: DiscordStandIn;
beforeAll(async () => {
  [gh, discord] = await Promise.all([startGitHubStandIn(), startDiscordStandIn()]);
  gh.registerApp(APP);
  gh.addUser(MONA);
  discord.addUser({ id: "400000000000000001", username: "erin" });
});
afterAll(async () => {
  await Promise.all([gh?.close(), discord?.close()]);
});

async function issueToken(): Promise<string> {
  const location = await gh.approve(`${gh.url}/login/oauth/authorize?client_id=${APP.clientId}`, {
    userId: MONA.id,
  });
  const code = new URL(location).searchParams.get("code");
  const res = await fetch(`${gh.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ client_id: APP.clientId, client_secret: APP.clientSecret, code }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

const deleteToken = (body: string, authorization = basic) =>
  fetch(`${gh.apiUrl}/applications/${APP.clientId}/token`, {
    method: "DELETE",
    headers: { authorization, "content-type": "application/json" },
    body,
  });

describe("GitHub REST (Enterprise Server layout)", () => {
  it("reports a request body of the wrong type: operation, field and value", async () => {
    const found = await provokeViolations(() => deleteToken(JSON.stringify({ access_token: 5 })));
    expect(found).toEqual([
      expect.objectContaining({
        operation: "apps/delete-token",
        side: "request",
        field: "/access_token",
        message: "must be string",
        value: 5,
      }),
    ]);
  });

  it("reports credentials that are not the app's Basic auth, and an unknown query parameter", async () => {
    const found = await provokeViolations(async () => {
      const token = await issueToken();
      await deleteToken(JSON.stringify({ access_token: token }), `token ${token}`);
      await fetch(`${gh.apiUrl}/user?per_page=5`, { headers: { authorization: `token ${token}` } });
    });
    expect(found).toMatchObject([
      { operation: "apps/delete-token", field: "header.authorization" },
      { operation: "users/get-authenticated", field: "query.per_page" },
    ]);
  });

  it("reports an answer that breaks the schema, and a status the operation does not document", async () => {
    const token = await issueToken();
    const found = await provokeViolations(async () => {
      gh.failNext("user", { status: 200, body: { login: 42 } });
      await fetch(`${gh.apiUrl}/user`, { headers: { authorization: `token ${token}` } });
      gh.failNext("revoke-token", { status: 404 });
      await deleteToken(JSON.stringify({ access_token: token }));
    });
    expect(found).toMatchObject([
      { operation: "users/get-authenticated", side: "response" },
      { operation: "apps/delete-token", side: "response", field: "status", value: 404 },
    ]);
  });

  it("reports a path no operation has, and leaves the documented web flow alone", async () => {
    const found = await provokeViolations(async () => {
      await fetch(`${gh.apiUrl}/nothing/here`);
      await fetch(`${gh.url}/login/oauth/authorize?client_id=${APP.clientId}`);
    });
    expect(found).toMatchObject([{ operation: "GET /nothing/here", field: "path" }]);
  });

  it("passes a request and answer that fit the description", async () => {
    const token = await issueToken();
    expect((await deleteToken(JSON.stringify({ access_token: token }))).status).toBe(204);
    expect(takeViolations()).toEqual([]);
  });
});

describe("Discord REST", () => {
  it("reports a message body of the wrong type and a call without the bot token", async () => {
    const dm = await fetch(`${discord.apiUrl}/v10/users/@me/channels`, {
      method: "POST",
      headers: { authorization: `Bot ${discord.botToken}`, "content-type": "application/json" },
      body: JSON.stringify({ recipient_id: "400000000000000001" }),
    });
    const { id } = (await dm.json()) as { id: string };
    const found = await provokeViolations(async () => {
      await fetch(`${discord.apiUrl}/v10/channels/${id}/messages`, {
        method: "POST",
        headers: { authorization: `Bot ${discord.botToken}`, "content-type": "application/json" },
        body: JSON.stringify({ content: "hi", tts: "yes" }),
      });
      await fetch(`${discord.apiUrl}/v10/channels/${id}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content: "hi" }),
      });
    });
    expect(found).toMatchObject([
      { operation: "create_message", side: "request", field: "/tts", value: "yes" },
      { operation: "create_message", side: "request", field: "header.authorization", message: "is required" },
    ]);
  });
});

describe("GitHub GraphQL (/api/graphql, /graphql)", () => {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${gh.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it("answers a valid document from the stand-in's users", async () => {
    const token = await issueToken();
    for (const path of ["/api/graphql", "/graphql"]) {
      const res = await post(path, { query: "query { viewer { login databaseId } }" }, token);
      expect(await res.json()).toEqual({ data: { viewer: { login: MONA.login, databaseId: MONA.id } } });
    }
    const byLogin = await post(
      "/api/graphql",
      { query: "query($login: String!) { user(login: $login) { login } }", variables: { login: "MONA" } },
      token,
    );
    expect(await byLogin.json()).toEqual({ data: { user: { login: MONA.login } } });
    expect(takeViolations()).toEqual([]);
  });

  it("refuses and reports an unknown field and a variable of the wrong type, as GitHub would", async () => {
    const token = await issueToken();
    const answers: unknown[] = [];
    const found = await provokeViolations(async () => {
      for (const body of [
        { query: "query { viewer { sponsorLevel } }" },
        { query: "query($login: String!) { user(login: $login) { login } }", variables: { login: 5 } },
      ]) {
        const res = await post("/api/graphql", body, token);
        expect(res.status).toBe(200);
        answers.push(await res.json());
      }
    });
    expect(answers).toEqual([
      { errors: [expect.objectContaining({ message: expect.stringContaining('"sponsorLevel"') })] },
      { errors: [expect.objectContaining({ message: expect.stringContaining('"$login"') })] },
    ]);
    expect(found).toMatchObject([
      { operation: "query viewer", message: expect.stringContaining("sponsorLevel") },
      { operation: "query user", message: expect.stringContaining("$login") },
    ]);
  });

  it("asks for a token first", async () => {
    const res = await post("/api/graphql", { query: "query { viewer { login } }" });
    expect(res.status).toBe(401);
  });
});

describe("GitHub webhooks", () => {
  it("reports a payload GitHub would never send", async () => {
    // A receiver that takes anything: only the payloads are under test here.
    const receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(204).end()));
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/github`;
    try {
      const found = await provokeViolations(async () => {
        const payload = githubAppAuthorizationRevoked(MONA);
        await sendWebhook(target, {
          event: "github_app_authorization",
          payload: { ...payload, sender: { id: 1 } },
        });
        await sendWebhook(target, { event: "no_such_event", payload: {} });
      });
      expect(found).toMatchObject([
        { operation: "github_app_authorization.revoked", field: "/sender" },
        { operation: "no_such_event", field: "header.x-github-event" },
      ]);
    } finally {
      receiver.closeAllConnections();
      receiver.close();
    }
  });
});

describe("the report", () => {
  it("fails with the operation, the field and the value, and never shows a token", () => {
    recordViolation({
      api: "GitHub",
      operation: "apps/delete-token",
      side: "request",
      field: "/access_token",
      message: "must be string",
      value: "gho_secretsecret",
    });
    recordViolation({
      api: "Discord",
      operation: "create_message",
      side: "request",
      field: "/tts",
      message: "must be boolean",
      value: "yes",
    });
    expect(() => assertNoViolations("in this test")).toThrow(
      /apps\/delete-token: request \/access_token must be string; value: \[redacted\][\s\S]*create_message: request \/tts must be boolean; value: "yes"/,
    );
    expect(takeViolations()).toEqual([]);
  });

  it("lists every exempt endpoint with the documentation page it follows", () => {
    for (const endpoint of EXEMPT_ENDPOINTS) expect(endpoint.documentation).toMatch(/^https:\/\//);
  });

  it("says where Discord's description was expected when shared/ is missing", () => {
    expect(findDiscordDescription("/")).toBeNull();
    expect(findDiscordDescription()).toMatch(/shared\/specs\/discord-openapi\.json$/);
  });
});
