import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNonce, signState } from "../../src/crypto/index.ts";
import { createApp } from "../../src/web/app.ts";
import { type Harness, STATE_SECRET, startHarness } from "../support/harness.ts";
import { authorizeViaLink, buttonUrl, createMember } from "../support/members.ts";

let h: Harness;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  h = await startHarness();
  app = createApp({
    ...h.bot.deps,
    checkReadiness: async () => ({ storage: true, discord: true }),
  });
});
afterAll(async () => {
  await h?.stop();
});

const callback = (query: string, headers: Record<string, string> = {}) =>
  app.request(`/auth/github/callback?${query}`, { headers });

const validState = (discordId = "100000000000000999", expiresAt = Date.now() + 60_000) =>
  signState(STATE_SECRET, { discordId, guildId: null, nonce: createNonce(), expiresAt });

describe("GET /auth/github/callback refuses bad input before asking GitHub", () => {
  it.each([
    ["no parameters", "", 400, "missing its code"],
    ["a missing state", "code=abc", 400, "missing its state"],
    ["a repeated code", `code=a&code=b&state=${validState()}`, 400, "more than one code"],
    ["a repeated state", `code=a&state=${validState()}&state=${validState()}`, 400, "more than one state"],
    ["a malformed code", `code=${"%3Cscript%3E"}&state=${validState()}`, 400, "code is malformed"],
    ["an oversized state", `code=a&state=${"A".repeat(5000)}`, 400, "state is malformed"],
    [
      "a tampered state",
      `code=a&state=${validState().replace(/\.(.)/, ".X")}`,
      400,
      "damaged or was not made by octolink",
    ],
    [
      "a state signed with another secret",
      `code=a&state=${signState("x".repeat(32), { discordId: "1", guildId: null, nonce: "n", expiresAt: Date.now() + 60_000 })}`,
      400,
      "damaged",
    ],
    [
      "an expired state",
      `code=a&state=${validState(undefined, Date.now() - 1000)}`,
      410,
      "work for 10 minutes",
    ],
    ["a state never issued (nonce unknown)", `code=a&state=${validState()}`, 410, "expired"],
    ["another error from GitHub", "error=redirect_uri_mismatch&state=x", 400, "sign-in was not completed"],
  ])("%s is refused", async (_name, query, status, text) => {
    const before = h.github.tokenRequests();
    const res = await callback(query);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body).toContain(text);
    expect(body).toContain("<!doctype html>");
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    expect(h.github.tokenRequests()).toBe(before);
  });

  it("a cancelled sign-in is an ordinary page", async () => {
    const res = await callback("error=access_denied&error_description=The+user+has+denied&state=x");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Sign-in cancelled");
  });

  it("answers JSON callers with { error, message }", async () => {
    const res = await callback(`code=a&state=${validState(undefined, Date.now() - 1000)}`, {
      accept: "application/json",
    });
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({
      error: "state_expired",
      message: expect.stringContaining("10 minutes"),
    });
  });

  it("a used state gets 410 'already used' and a replaced one 410 'newer link'", async () => {
    const member = createMember(h);
    const { callbackUrl } = await authorizeViaLink(h, member);
    const query = new URL(callbackUrl).search.slice(1);
    expect((await callback(query)).status).toBe(200);
    const again = await callback(query);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already used");

    const first = await (await h.discord.sendCommand({ name: "link", userId: member.discordId })).reply;
    const second = await (await h.discord.sendCommand({ name: "link", userId: member.discordId })).reply;
    const stale = await h.github.approve(buttonUrl(first), { userId: member.githubId });
    const replaced = await callback(new URL(stale).search.slice(1));
    expect(replaced.status).toBe(410);
    expect(await replaced.text()).toContain("A newer link replaced this one");
    const fresh = await h.github.approve(buttonUrl(second), { userId: member.githubId });
    expect((await callback(new URL(fresh).search.slice(1))).status).toBe(200);
  });

  it("unknown pages are a 404 page, not a stack trace", async () => {
    const res = await app.request("/nope");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Page not found");
  });
});
