import { createServer } from "node:net";
import { Writable } from "node:stream";
import { type Config, parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningOctolink, startOctolink } from "../../src/start.ts";
import { type DiscordStandIn, startDiscordStandIn } from "./discord/index.ts";
import { type GitHubStandIn, startGitHubStandIn } from "./github/index.ts";
import { startTestMongo } from "./mongo/index.ts";

export const GITHUB_CLIENT_ID = "Iv1.octolinktest";
export const GITHUB_CLIENT_SECRET = "github-client-secret-for-tests";
export const STATE_SECRET = "state-secret-for-tests-0123456789abcdef";
export const TOKEN_KEY = Buffer.alloc(32, 42).toString("base64");

export interface Harness {
  github: GitHubStandIn;
  discord: DiscordStandIn;
  bot: RunningOctolink;
  config: Config;
  /** Every log line the bot wrote, as parsed JSON. */
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  stopMongo(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The whole bot, started as src/main.ts starts it, against the three stand-ins on loopback. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const [mongo, github, discord, port] = await Promise.all([
    startTestMongo(),
    startGitHubStandIn(),
    startDiscordStandIn(),
    freePort(),
  ]);
  const publicUrl = `http://127.0.0.1:${port}`;
  github.registerApp({
    clientId: GITHUB_CLIENT_ID,
    clientSecret: GITHUB_CLIENT_SECRET,
    callbackUrl: `${publicUrl}/auth/github/callback`,
    name: "octolink",
  });
  const config = parseConfig({
    DISCORD_TOKEN: discord.botToken,
    DISCORD_CLIENT_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET,
    GITHUB_URL: github.url,
    GITHUB_API_URL: github.apiUrl,
    PUBLIC_URL: publicUrl,
    HOST: "127.0.0.1",
    PORT: String(port),
    STATE_SECRET,
    TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
    MONGODB_URI: withQuery(mongo.uri, "serverSelectionTimeoutMS=500"),
    LOG_LEVEL: "debug",
    // Every test client is 127.0.0.1; the limits themselves are tested with their own values.
    HTTP_RATE_LIMIT: "100000",
    LINK_RATE_LIMIT: "1000",

    ...env,
  });
  const rawLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      rawLogs.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const bot = await startOctolink(config, createLogger(config.logLevel, sink));
  await waitUntilReady(bot.url);
  let mongoStopped = false;
  const stopMongo = async () => {
    if (!mongoStopped) await mongo.stop();
    mongoStopped = true;
  };
  return {
    github,
    discord,
    bot,
    config,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    stopMongo,
    async stop() {
      await bot.stop();
      await Promise.all([stopMongo(), github.close(), discord.close()]);
    },
  };
}

async function waitUntilReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await fetch(`${url}/readyz`)).ok) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("octolink did not become ready");
}

const withQuery = (uri: string, param: string) => `${uri}${uri.includes("?") ? "&" : "?"}${param}`;
