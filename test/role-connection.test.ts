import { describe, expect, it } from "vitest";
import { PLATFORM_NAME, ROLE_CONNECTION_METADATA, roleConnectionOf } from "../src/discord/role-connection.ts";

const NOW = Date.parse("2026-12-02T00:00:00Z");

describe("the role connection octolink pushes", () => {
  it('a linked member: login, "1", whole days and counts, all as strings', () => {
    const connection = roleConnectionOf(
      { login: "mona", createdAt: new Date(NOW - 365.9 * 86_400_000), publicRepos: 12, followers: 0 },
      NOW,
    );
    expect(connection).toEqual({
      platform_name: "GitHub",
      platform_username: "mona",
      metadata: { linked: "1", account_age_days: "365", public_repos: "12", followers: "0" },
    });
  });

  it("not linked: explicit zeros for every field (Discord ignores empty metadata), no username", () => {
    expect(roleConnectionOf(null, NOW)).toEqual({
      platform_name: "GitHub",
      platform_username: null,
      metadata: { linked: "0", account_age_days: "0", public_repos: "0", followers: "0" },
    });
  });

  it("fits Discord's limits: platform name ≤ 50, username ≤ 100 (cut by characters, marked), values ≤ 100", () => {
    expect(PLATFORM_NAME.length).toBeLessThanOrEqual(50);
    const login = "é".repeat(150);
    const { platform_username: shown, metadata } = roleConnectionOf(
      { login, createdAt: new Date(NOW + 86_400_000), publicRepos: 1e20, followers: -3 },
      NOW,
    );
    expect([...(shown ?? "")]).toHaveLength(100);
    expect(shown?.endsWith("…")).toBe(true);
    expect(metadata.account_age_days).toBe("0");
    expect(metadata.followers).toBe("0");
    for (const value of Object.values(metadata)) expect(value.length).toBeLessThanOrEqual(100);
    expect(
      roleConnectionOf(
        { login: "x".repeat(100), createdAt: new Date(NOW), publicRepos: 0, followers: 0 },
        NOW,
      ).platform_username,
    ).toBe("x".repeat(100));
  });

  it("pushes exactly the registered keys, within Discord's metadata limits", () => {
    expect(Object.keys(roleConnectionOf(null).metadata)).toEqual(ROLE_CONNECTION_METADATA.map((m) => m.key));
    expect(ROLE_CONNECTION_METADATA.length).toBeLessThanOrEqual(5);
    for (const m of ROLE_CONNECTION_METADATA) {
      expect(m.key).toMatch(/^[a-z0-9_]{1,50}$/);
      expect(m.name.length).toBeLessThanOrEqual(100);
      expect(m.description.length).toBeLessThanOrEqual(200);
    }
  });
});
