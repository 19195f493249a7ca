import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeCodeChallenge,
  createNonce,
  deriveCodeVerifier,
  keyIdOf,
  openToken,
  sealToken,
  signState,
} from "../../src/crypto/index.ts";
import { buildAuthorizeUrl } from "../../src/github/index.ts";
import { octokitFor } from "../../src/linking/index.ts";
import { findDiscordTokens, saveDiscordTokens, saveLink, saveLinkState } from "../../src/storage/index.ts";
import {
  GITHUB_CLIENT_ID,
  GITHUB_CLIENT_SECRET,
  type Harness,
  STATE_SECRET,
  startHarness,
} from "../support/harness.ts";
import { TestBrowser } from "../support/http-browser.ts";
import { createMember, linkMember } from "../support/members.ts";
import { spawnScript } from "../support/spawn-bot.ts";
import { testKey } from "../support/stand-in-settings.ts";

const PREVIOUS_SECRET = "previous-state-secret-0123456789abcdef";
const NEW_KEY = testKey(7);
const OLD_KEY = testKey(3);
const keysSetting = [NEW_KEY, OLD_KEY].map((k) => k.toString("base64")).join(",");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ STATE_SECRET_PREVIOUS: PREVIOUS_SECRET, TOKEN_ENCRYPTION_KEY: keysSetting });
});
afterAll(async () => {
  await h?.stop();
});

/** A member linked before the key rotation: their token sealed under the old key only. */
async function linkUnderOldKey(member: ReturnType<typeof createMember>, token: string) {
  await saveLink(h.bot.deps.storage, {
    discordId: member.discordId,
    github: { id: member.githubId, login: member.login, name: null, avatarUrl: null, profileUrl: "" },
    scopes: ["read:user"],
    tokens: {
      accessToken: sealToken([OLD_KEY], member.discordId, token),
      refreshToken: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
    },
  });
}

async function sealedKeyIds(): Promise<string[]> {
  const links = await h.bot.deps.storage.links.find({}, { accessToken: 1 }).lean().exec();
  return links.map((l) => String(l.accessToken).split(".")[1] ?? "");
}

/** `npm run rotate-token-key` against this harness's database, with both keys configured. */
const runRotateScript = () =>
  spawnScript("scripts/rotate-token-key.ts", {
    DISCORD_TOKEN: h.config.discord.token,
    DISCORD_CLIENT_ID: h.config.discord.clientId,
    GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET,
    PUBLIC_URL: h.config.publicUrl,
    STATE_SECRET,
    TOKEN_ENCRYPTION_KEY: keysSetting,
    MONGODB_URI: h.config.mongodbUri ?? "",
  });

describe("rotation", () => {
  it("a sign-in link signed with STATE_SECRET_PREVIOUS still works", async () => {
    const member = createMember(h);
    const nonce = createNonce();
    const expiresAt = Date.now() + 60_000;
    const state = signState(PREVIOUS_SECRET, {
      discordId: member.discordId,
      guildId: null,
      nonce,
      expiresAt,
    });
    await saveLinkState(h.bot.deps.storage, {
      nonce,
      discord: { id: member.discordId, username: member.username, displayName: null, avatarUrl: null },
      guildId: null,
      interactionToken: sealToken([NEW_KEY], member.discordId, "interaction-token"),
      expiresAt: new Date(expiresAt),
    });
    const codeChallenge = computeCodeChallenge(deriveCodeVerifier(PREVIOUS_SECRET, nonce));
    const callbackUrl = await h.github.approve(
      buildAuthorizeUrl(h.bot.deps.github, { state, codeChallenge }),
      { userId: member.githubId },
    );
    const { res } = await new TestBrowser().open(callbackUrl);
    expect(res?.status).toBe(200);
    expect(await res?.text()).toContain("Link these accounts?");
  });

  it("tokens sealed under an old key still open, new links use the current key, and rotate-token-key reseals all", async () => {
    const old = createMember(h);
    await linkMember(h, old);
    const [oldToken] = h.github.tokensFor(old.githubId);
    await linkUnderOldKey(old, oldToken ?? "");

    const octokit = await octokitFor(h.bot.deps, old.discordId);
    expect((await octokit.request("GET /user")).data.login).toBe(old.login);

    const fresh = createMember(h);
    await linkMember(h, fresh);
    const before = await sealedKeyIds();
    expect(before).toContain(keyIdOf(OLD_KEY));
    expect(before.filter((id) => id === keyIdOf(NEW_KEY)).length).toBeGreaterThan(0);
    const plaintextBefore = await openAll();

    const script = runRotateScript();
    expect(await script.exited).toBe(0);
    expect(script.output()).toMatch(/resealed \d+ under the current key/);

    const after = await sealedKeyIds();
    expect(after).toHaveLength(before.length);
    expect(new Set(after)).toEqual(new Set([keyIdOf(NEW_KEY)]));
    expect(await openAll([NEW_KEY])).toEqual(plaintextBefore);
  });
});

describe("rotation of Linked Roles' Discord tokens", () => {
  it("rotate-token-key reseals the stored Discord token sets too", async () => {
    const member = createMember(h);
    const sealOld = (value: string) => sealToken([OLD_KEY], member.discordId, value);
    await saveDiscordTokens(h.bot.deps.storage, {
      discordId: member.discordId,
      tokens: {
        accessToken: sealOld("discord-access"),
        refreshToken: sealOld("discord-refresh"),
        accessExpiresAt: null,
        refreshExpiresAt: null,
      },
      scopes: ["identify", "role_connections.write"],
    });
    const script = runRotateScript();
    expect(await script.exited).toBe(0);
    const stored = await findDiscordTokens(h.bot.deps.storage, member.discordId);
    const { accessToken = "", refreshToken = "" } = stored?.tokens ?? {};
    expect([accessToken, refreshToken ?? ""].map((v) => v.split(".")[1])).toEqual([
      keyIdOf(NEW_KEY),
      keyIdOf(NEW_KEY),
    ]);
    expect(openToken([NEW_KEY], member.discordId, accessToken)).toBe("discord-access");
    expect(openToken([NEW_KEY], member.discordId, refreshToken ?? "")).toBe("discord-refresh");
  });
});

/** Every stored access token, opened: the same set before and after a rotation means none was lost. */
async function openAll(keys = [NEW_KEY, OLD_KEY]): Promise<Record<string, string>> {
  const links = await h.bot.deps.storage.links.find({}, { discordId: 1, accessToken: 1 }).lean().exec();
  return Object.fromEntries(links.map((l) => [l.discordId, openToken(keys, l.discordId, l.accessToken)]));
}
