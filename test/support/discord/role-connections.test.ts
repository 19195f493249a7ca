import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provokeViolations } from "../api-descriptions/index.ts";
import { type DiscordStandIn, startDiscordStandIn } from "./index.ts";

// The stand-in's Linked Roles routes, held to Discord's docs (and its checked description).

const erin = { id: "310000000000000001", username: "erin" };
const redirectUri = "http://127.0.0.1:9/auth/discord/callback";
const METADATA = [
  { type: 7, key: "linked", name: "Linked", description: "Has a linked account" },
  { type: 2, key: "repos", name: "Repositories", description: "At least this many" },
];

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await startDiscordStandIn();
  standIn.addUser(erin);
});
afterAll(async () => {
  await standIn?.close();
});

const api = (path: string) => `${standIn.apiUrl}/v10${path}`;
const json = { "content-type": "application/json" };
const asBot = { ...json, authorization: () => `Bot ${standIn.botToken}` };

const putMetadata = (body: unknown) =>
  fetch(api(`/applications/${standIn.applicationId}/role-connections/metadata`), {
    method: "PUT",
    headers: { ...json, authorization: asBot.authorization() },
    body: JSON.stringify(body),
  });

async function tokenFor(scope: string) {
  const authorize = new URL(`${standIn.apiUrl}/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    client_id: standIn.applicationId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope,
  }).toString();
  const res = await fetch(authorize, { redirect: "manual", headers: { cookie: `discord_user=${erin.id}` } });
  const code = new URL(res.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const token = await fetch(`${standIn.apiUrl}/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({
      client_id: standIn.applicationId,
      client_secret: standIn.clientSecret,
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
    }),
  });
  return (await token.json()) as { access_token: string; refresh_token: string; scope: string };
}

const putConnection = (token: string, body: unknown, applicationId = standIn.applicationId) =>
  fetch(api(`/users/@me/applications/${applicationId}/role-connection`), {
    method: "PUT",
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe("role-connection metadata (bot token)", () => {
  it("a PUT replaces the list, so running it twice leaves one copy; GET reads it back", async () => {
    for (let i = 0; i < 2; i++) expect((await putMetadata(METADATA)).status).toBe(200);
    const res = await fetch(api(`/applications/${standIn.applicationId}/role-connections/metadata`), {
      headers: { authorization: asBot.authorization() },
    });
    expect(await res.json()).toEqual(METADATA);
  });

  it("refuses keys outside a-z0-9_, names over 100, more than five records, and no bot token", async () => {
    const bad = [
      [{ ...METADATA[0], key: "Linked" }],
      [{ ...METADATA[0], name: "n".repeat(101) }],
      Array.from({ length: 6 }, (_, i) => ({ ...METADATA[1], key: `k${i}` })),
      [METADATA[0], METADATA[0]],
    ];
    // The description itself refuses the long name, the sixth record and the missing token.
    const found = await provokeViolations(async () => {
      for (const body of bad) {
        const res = await putMetadata(body);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code: 50035 });
      }
      const anonymous = await fetch(api(`/applications/${standIn.applicationId}/role-connections/metadata`));
      expect(anonymous.status).toBe(401);
    });
    expect(found.map((v) => v.field)).toEqual(["/0/name", "", "header.authorization"]);
    expect(standIn.roleConnectionMetadata()).toEqual(METADATA);
  });
});

describe("a user's role connection (their OAuth2 token)", () => {
  it("needs role_connections.write: identify alone gets 401, and the bot token is not a user", async () => {
    await putMetadata(METADATA);
    const identify = await tokenFor("identify");
    const body = { platform_name: "GitHub", metadata: { linked: "1", repos: "3" } };
    expect((await putConnection(identify.access_token, body)).status).toBe(401);
    const found = await provokeViolations(async () => {
      const bot = await fetch(api(`/users/@me/applications/${standIn.applicationId}/role-connection`), {
        method: "PUT",
        headers: { ...json, authorization: asBot.authorization() },
        body: JSON.stringify(body),
      });
      expect(bot.status).toBe(401);
    });
    expect(found).toMatchObject([{ field: "header.authorization" }]);
    expect(standIn.roleConnectionOf(erin.id)).toBeUndefined();
  });

  it("stores string values for registered keys; Discord's requirement check counts booleans only as 1", async () => {
    const { access_token: token } = await tokenFor("identify role_connections.write");
    const res = await putConnection(token, {
      platform_name: "GitHub",
      platform_username: "erin",
      metadata: { linked: "1", repos: "3" },
    });
    expect(await res.json()).toEqual({
      platform_name: "GitHub",
      platform_username: "erin",
      metadata: { linked: "1", repos: "3" },
    });
    expect(standIn.meetsRequirement(erin.id, { key: "linked", value: 1 })).toBe(true);
    expect(standIn.meetsRequirement(erin.id, { key: "repos", value: 3 })).toBe(true);
    expect(standIn.meetsRequirement(erin.id, { key: "repos", value: 4 })).toBe(false);
    // "true" passes the request's check but never meets a boolean requirement (discord-api-docs#5755).
    await putConnection(token, { platform_name: "GitHub", metadata: { linked: "true", repos: "3" } });
    expect(standIn.meetsRequirement(erin.id, { key: "linked", value: 1 })).toBe(false);
    const read = await fetch(api(`/users/@me/applications/${standIn.applicationId}/role-connection`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await read.json()).toMatchObject({ metadata: { linked: "true" } });
  });

  it("empty metadata answers 200 and changes nothing (the reported quirk); zeros are stored", async () => {
    const { access_token: token } = await tokenFor("role_connections.write");
    await putConnection(token, { platform_name: "GitHub", metadata: { linked: "1", repos: "9" } });
    const puts = standIn.roleConnectionPuts(erin.id).length;
    const empty = await putConnection(token, { platform_name: "GitHub", metadata: {} });
    expect(empty.status).toBe(200);
    expect(standIn.roleConnectionOf(erin.id)?.metadata).toEqual({ linked: "1", repos: "9" });
    expect(standIn.roleConnectionPuts(erin.id)).toHaveLength(puts);
    await putConnection(token, { platform_name: "GitHub", metadata: { linked: "0", repos: "0" } });
    expect(standIn.roleConnectionOf(erin.id)?.metadata).toEqual({ linked: "0", repos: "0" });
    expect(standIn.meetsRequirement(erin.id, { key: "linked", value: 1 })).toBe(false);
  });

  it("refuses names over 50, usernames over 100, unknown keys, non-integers and another app's id", async () => {
    const { access_token: token } = await tokenFor("role_connections.write");
    const bad = [
      { platform_name: "G".repeat(51), metadata: { linked: "1" } },
      { platform_username: "u".repeat(101), metadata: { linked: "1" } },
      { metadata: { stars: "1" } },
      { metadata: { repos: "many" } },
      { metadata: { repos: "9".repeat(101) } },
    ];
    const found = await provokeViolations(async () => {
      for (const body of bad) {
        const res = await putConnection(token, body);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code: 50035, message: "Invalid Form Body" });
      }
    });
    expect(found.map((v) => v.field)).toEqual(["/platform_name", "/platform_username", "/metadata/repos"]);
    expect((await putConnection(token, { metadata: { linked: "1" } }, "1".repeat(18))).status).toBe(404);
    expect(
      (await putConnection(token, { platform_name: "G".repeat(50), metadata: { linked: "1" } })).status,
    ).toBe(200);
  });

  it("a refresh grant replaces the pair; deauthorizing the app kills every token of the user", async () => {
    const first = await tokenFor("role_connections.write");
    standIn.expireOAuthTokens(erin.id);
    expect((await putConnection(first.access_token, { metadata: { linked: "1" } })).status).toBe(401);
    const refresh = (refreshToken: string) =>
      fetch(`${standIn.apiUrl}/oauth2/token`, {
        method: "POST",
        body: new URLSearchParams({
          client_id: standIn.applicationId,
          client_secret: standIn.clientSecret,
          grant_type: "refresh_token",
          refresh_token: refreshToken,
        }),
      });
    const res = await refresh(first.refresh_token);
    const second = (await res.json()) as { access_token: string; refresh_token: string };
    expect((await putConnection(second.access_token, { metadata: { linked: "1" } })).status).toBe(200);
    expect((await refresh(first.refresh_token)).status).toBe(400);

    standIn.deauthorizeApp(erin.id);
    expect((await putConnection(second.access_token, { metadata: { linked: "1" } })).status).toBe(401);
    const dead = await refresh(second.refresh_token);
    expect(dead.status).toBe(400);
    expect(await dead.json()).toMatchObject({ error: "invalid_grant" });
  });
});
