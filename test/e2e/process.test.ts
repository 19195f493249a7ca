import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordStandIn, startDiscordStandIn } from "../support/discord/index.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../support/github/index.ts";
import { startTestMongo } from "../support/mongo/index.ts";
import { spawnScript, waitForOutput } from "../support/spawn-bot.ts";
import { standInSettings } from "../support/stand-in-settings.ts";

let discord: DiscordStandIn;
let github: GitHubStandIn;
let mongo: Awaited<ReturnType<typeof startTestMongo>>;
let env: Record<string, string>;

beforeAll(async () => {
  [discord, github, mongo] = await Promise.all([
    startDiscordStandIn(),
    startGitHubStandIn(),
    startTestMongo(),
  ]);
  env = standInSettings({ discord, github, mongoUri: mongo.uri, port: 0 });
});
afterAll(async () => {
  await Promise.all([discord?.close(), github?.close(), mongo?.stop()]);
});

describe("the bot as an operator runs it", () => {
  it("starts, logs JSON lines, and on SIGTERM finishes and exits 0", async () => {
    const bot = spawnScript("src/main.ts", env);
    await waitForOutput(bot, /connected to Discord/);
    const lines = bot.output().trim().split("\n");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(discord.identifyPayloads().at(-1)?.intents).toBe(1);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain("shutting down");
    expect(bot.output()).not.toContain(discord.botToken);
  });

  it("a bad .env stops the start with one message listing every problem, no stack trace", async () => {
    const bot = spawnScript("src/main.ts", {
      ...env,
      DISCORD_TOKEN: "",
      PORT: "http",
      STATE_SECRET: "short",
    });
    expect(await bot.exited).toBe(1);
    const output = bot.output();
    expect(output).toContain("DISCORD_TOKEN is required");
    expect(output).toContain("PORT must be a port number");
    expect(output).toContain("STATE_SECRET must be at least 32 characters");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("without MONGODB_URI it tries an embedded mongod for local use, and says to set MONGODB_URI when it cannot", async () => {
    const { MONGODB_URI: _unset, ...withoutMongo } = env;
    // A download address that refuses at once, as an offline machine does, without waiting on DNS.
    const bot = spawnScript("src/main.ts", {
      ...withoutMongo,
      MONGOMS_DOWNLOAD_MIRROR: "http://127.0.0.1:9",
    });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("starting an embedded MongoDB for local use only");
    expect(bot.output()).toContain("Set MONGODB_URI in .env to a MongoDB server");
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });

  it("a rejected Discord token is one clear fatal line", async () => {
    const bot = spawnScript("src/main.ts", { ...env, DISCORD_TOKEN: "not-the-token" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("Discord rejected DISCORD_TOKEN");
  });

  it("npm run deploy-commands registers the commands in DISCORD_GUILD_ID, else globally", async () => {
    const guild = spawnScript("scripts/deploy-commands.ts", {
      ...env,
      DISCORD_GUILD_ID: discord.guildId,
    });
    expect(await guild.exited).toBe(0);
    const names = (scope: string) => discord.registeredCommands(scope).map((c) => c.name);
    expect(names(discord.guildId)).toEqual(["link", "whoami", "unlink", "whois", "link-admin", "link-roles"]);
    expect(names("global")).toEqual([]);
    const global = spawnScript("scripts/deploy-commands.ts", env);
    expect(await global.exited).toBe(0);
    expect(names("global")).toEqual(["link", "whoami", "unlink", "whois", "link-admin", "link-roles"]);
  });
});

describe("Linked Roles as an operator sets it up", () => {
  it("npm run deploy-commands registers the role-connection metadata, the same after a second run", async () => {
    const linkedRoles = { ...env, LINKED_ROLES: "true", DISCORD_CLIENT_SECRET: discord.clientSecret };
    for (let run = 0; run < 2; run++) {
      const deploy = spawnScript("scripts/deploy-commands.ts", linkedRoles);
      expect(await deploy.exited).toBe(0);
      expect(deploy.output()).toContain("Registered the Linked Roles metadata");
    }
    expect(discord.roleConnectionMetadata()).toEqual([
      { type: 7, key: "linked", name: "GitHub account linked", description: expect.any(String) },
      {
        type: 2,
        key: "account_age_days",
        name: "GitHub account age (days)",
        description: expect.any(String),
      },
      { type: 2, key: "public_repos", name: "Public repositories", description: expect.any(String) },
      { type: 2, key: "followers", name: "GitHub followers", description: expect.any(String) },
    ]);
  });

  it("LINKED_ROLES=true without DISCORD_CLIENT_SECRET stops the start with one clear message", async () => {
    const bot = spawnScript("src/main.ts", { ...env, LINKED_ROLES: "true" });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain("LINKED_ROLES=true needs DISCORD_CLIENT_SECRET");
    expect(bot.output()).not.toMatch(/\n\s+at /);
  });
});
