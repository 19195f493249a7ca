import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.ts";
import { problemsOf, validSettings as valid } from "./support/config-problems.ts";
import { testKey } from "./support/stand-in-settings.ts";

describe("settings", () => {
  it("lists every missing or malformed setting in one message", () => {
    const problems = problemsOf({
      PORT: "eighty",
      TOKEN_ENCRYPTION_KEY: "c2hvcnQ=",
      PUBLIC_URL: "ftp://x",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "DISCORD_TOKEN is required",
        "DISCORD_CLIENT_ID is required",
        "GITHUB_CLIENT_ID is required",
        "GITHUB_CLIENT_SECRET is required",
        "STATE_SECRET is required",
        "PUBLIC_URL must be an http(s) URL",
        "PORT must be a port number",
        expect.stringMatching(/^TOKEN_ENCRYPTION_KEY each key must be 32 bytes/),
      ]),
    );
    expect(() => parseConfig({})).toThrow(/cannot start; fix these settings/);
  });

  it("applies the documented defaults and treats empty values as unset", () => {
    const config = parseConfig({ ...valid, GITHUB_URL: "", PORT: "", DISCORD_CLIENT_SECRET: "" });
    expect(config.port).toBe(3000);
    expect(config.github.scopes).toEqual(["read:user"]);
    expect(config.github.url).toBe("https://github.com");
    expect(config.github.apiUrl).toBe("https://api.github.com");
    expect(config.discord.apiUrl).toBe("https://discord.com/api");
    expect(config.publicUrl).toBe("https://octolink.example.com");
    expect(config.verifyDiscord).toBe(false);
    expect(config.allowSharedGithub).toBe(false);
  });

  it("accepts previous secrets and keys for rotation", () => {
    const old = testKey(2).toString("base64");
    const config = parseConfig({
      ...valid,
      STATE_SECRET_PREVIOUS: `${"a".repeat(32)}, ${"b".repeat(32)}`,
      TOKEN_ENCRYPTION_KEY: `${valid.TOKEN_ENCRYPTION_KEY},${old}`,
    });
    expect(config.stateSecrets).toHaveLength(3);
    expect(config.tokenKeys.map((k) => k.length)).toEqual([32, 32]);
  });

  it("turns the Discord check on only with a client secret, unless disabled", () => {
    expect(parseConfig({ ...valid, DISCORD_CLIENT_SECRET: "x" }).verifyDiscord).toBe(true);
    expect(
      parseConfig({ ...valid, DISCORD_CLIENT_SECRET: "x", LINK_VERIFY_DISCORD: "false" }).verifyDiscord,
    ).toBe(false);
    expect(problemsOf({ ...valid, LINK_VERIFY_DISCORD: "maybe" })).toEqual([
      "LINK_VERIFY_DISCORD must be true or false",
    ]);
  });

  it("refuses weak or reused secrets and plain http to anything but this machine, all in one message", () => {
    const problems = problemsOf({
      ...valid,
      STATE_SECRET: "short",
      GITHUB_WEBHOOK_SECRET: "also-short",
      TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      PUBLIC_URL: "http://octolink.example.com",
      GITHUB_URL: "http://ghe.example.com",
      GITHUB_API_URL: "http://ghe.example.com/api/v3",
      DISCORD_API_URL: "http://discord-proxy.internal/api",
    });
    expect(problems).toEqual([
      "DISCORD_API_URL must use https (plain http only for localhost, 127.0.0.0/8 or ::1)",
      "GITHUB_URL must use https (plain http only for localhost, 127.0.0.0/8 or ::1)",
      "GITHUB_API_URL must use https (plain http only for localhost, 127.0.0.0/8 or ::1)",
      "PUBLIC_URL must use https (plain http only for localhost, 127.0.0.0/8 or ::1)",
      "STATE_SECRET must be at least 32 characters (use `openssl rand -base64 32`)",
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY each key must be random bytes, not one byte repeated/),
      "GITHUB_WEBHOOK_SECRET must be at least 32 characters (use `openssl rand -base64 32`)",
    ]);
  });

  it("refuses one secret used for two settings", () => {
    const shared = "x".repeat(40);
    expect(
      problemsOf({
        ...valid,
        STATE_SECRET: shared,
        GITHUB_WEBHOOK_SECRET: shared,
        GITHUB_CLIENT_SECRET: shared,
      }),
    ).toEqual([
      "GITHUB_WEBHOOK_SECRET must not reuse the value of GITHUB_CLIENT_SECRET",
      "STATE_SECRET must not reuse the value of GITHUB_CLIENT_SECRET",
    ]);
    expect(problemsOf({ ...valid, STATE_SECRET_PREVIOUS: valid.STATE_SECRET })).toEqual([
      "STATE_SECRET_PREVIOUS must not reuse the value of STATE_SECRET",
    ]);
  });

  it("allows plain http on loopback (local use and the tests)", () => {
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://127.8.9.10",
      "http://[::1]:3000",
    ])
      expect(
        problemsOf({ ...valid, PUBLIC_URL: url, GITHUB_URL: url, DISCORD_API_URL: `${url}/api` }),
      ).toEqual([]);
  });

  it("TRUST_PROXY is a hop count: true is one proxy, false or unset none", () => {
    const hops = (v?: string) =>
      parseConfig({ ...valid, ...(v === undefined ? {} : { TRUST_PROXY: v }) }).trustProxy;
    expect([hops(), hops("false"), hops("true"), hops("1"), hops("2"), hops("0")]).toEqual([
      0, 0, 1, 1, 2, 0,
    ]);
    expect(problemsOf({ ...valid, TRUST_PROXY: "yes please" })).toEqual([
      "TRUST_PROXY must be the number of proxies in front of octolink (1, 2, …), true or false",
    ]);
    expect(problemsOf({ ...valid, TRUST_PROXY: "-1" })).toHaveLength(1);
  });
});

describe("process settings", () => {
  it("ROLE defaults to all and takes web, gateway or worker; anything else is named", () => {
    expect(parseConfig(valid).role).toBe("all");
    for (const role of ["web", "gateway", "worker"])
      expect(parseConfig({ ...valid, ROLE: role }).role).toBe(role);
    expect(problemsOf({ ...valid, ROLE: "everything" })).toEqual([
      "ROLE must be one of all, web, gateway, worker",
    ]);
  });

  it("DISCORD_SHARD_COUNT alone runs every shard; DISCORD_SHARD_IDS picks some, each below the count", () => {
    expect(parseConfig(valid).shards).toBeUndefined();
    expect(parseConfig({ ...valid, DISCORD_SHARD_COUNT: "3" }).shards).toEqual({ count: 3, ids: [0, 1, 2] });
    expect(parseConfig({ ...valid, DISCORD_SHARD_COUNT: "4", DISCORD_SHARD_IDS: "2, 3" }).shards).toEqual({
      count: 4,
      ids: [2, 3],
    });
    expect(problemsOf({ ...valid, DISCORD_SHARD_IDS: "0" })).toEqual([
      "DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT",
    ]);
    expect(problemsOf({ ...valid, DISCORD_SHARD_COUNT: "2", DISCORD_SHARD_IDS: "1,2" })).toEqual([
      "DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT (0 to 1)",
    ]);
    expect(problemsOf({ ...valid, DISCORD_SHARD_COUNT: "0", DISCORD_SHARD_IDS: "x" })).toEqual(
      expect.arrayContaining([
        "DISCORD_SHARD_COUNT must be at least 1",
        "DISCORD_SHARD_IDS must be shard numbers, e.g. 0,1",
      ]),
    );
  });
});

describe("Linked Roles settings", () => {
  it("LINKED_ROLES is off by default and on with a Discord client secret", () => {
    expect(parseConfig(valid).linkedRoles).toBe(false);
    const on = parseConfig({ ...valid, LINKED_ROLES: "true", DISCORD_CLIENT_SECRET: "discord-secret" });
    expect(on.linkedRoles).toBe(true);
    expect(problemsOf({ ...valid, LINKED_ROLES: "sometimes" })).toEqual([
      "LINKED_ROLES must be true or false",
    ]);
  });

  it("LINKED_ROLES=true without DISCORD_CLIENT_SECRET is named, beside every other problem", () => {
    const problems = problemsOf({ ...valid, LINKED_ROLES: "true", PORT: "eighty" });
    expect(problems).toEqual([
      "PORT must be a port number",
      expect.stringMatching(/^LINKED_ROLES=true needs DISCORD_CLIENT_SECRET \(Developer Portal/),
    ]);
    expect(problemsOf({ ...valid, LINKED_ROLES: "false" })).toEqual([]);
  });

  it("ROLE_SYNC_INTERVAL defaults to 12h, takes s/m/h/d or off, and refuses less than a minute", () => {
    const every = (v?: string) =>
      parseConfig({ ...valid, ...(v === undefined ? {} : { ROLE_SYNC_INTERVAL: v }) }).roleSyncIntervalMs;
    expect([every(), every("30m"), every("1d"), every("90s"), every("off")]).toEqual([
      12 * 3_600_000,
      30 * 60_000,
      86_400_000,
      90_000,
      null,
    ]);
    for (const bad of ["5s", "12", "soon"])
      expect(problemsOf({ ...valid, ROLE_SYNC_INTERVAL: bad })).toEqual([
        "ROLE_SYNC_INTERVAL must be a duration of at least a minute such as 30m, 12h or 1d, or off",
      ]);
  });
});
