import { Writable } from "node:stream";
import { type Config, parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningOctolink, startOctolink } from "../../src/start.ts";
import { type DiscordStandIn, startDiscordStandIn } from "./discord/index.ts";
import { type GitHubStandIn, startGitHubStandIn } from "./github/index.ts";
import { startTestMongo } from "./mongo/index.ts";
import { findFreePort, standInSettings } from "./stand-in-settings.ts";

export { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, STATE_SECRET, TOKEN_KEY } from "./stand-in-settings.ts";

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

/** The whole bot, started as src/main.ts starts it, against the three stand-ins on loopback. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const [mongo, github, discord, port] = await Promise.all([
    startTestMongo(),
    startGitHubStandIn(),
    startDiscordStandIn(),
    findFreePort(),
  ]);
  const config = parseConfig({
    ...standInSettings({
      discord,
      github,
      mongoUri: withQuery(mongo.uri, "serverSelectionTimeoutMS=500"),
      port,
    }),
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
