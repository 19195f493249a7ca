import { Writable } from "node:stream";
import { parseConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import { type RunningOctolink, startOctolink } from "../../src/start.ts";
import { type DiscordStandIn, type DiscordStandInOptions, startDiscordStandIn } from "./discord/index.ts";
import { type GitHubStandIn, startGitHubStandIn } from "./github/index.ts";
import { startTestMongo } from "./mongo/index.ts";
import { findFreePort, standInSettings } from "./stand-in-settings.ts";

/** The stand-ins and one database that several octolink processes share. */
export interface Cluster {
  discord: DiscordStandIn;
  github: GitHubStandIn;
  mongoUri: string;
  /** The settings every process gets; PUBLIC_URL is `publicPort` on loopback (a web process or a proxy). */
  env: Record<string, string>;
  publicPort: number;
  stop(): Promise<void>;
}

/** `startMongo`: the benches start the MongoDB test server in a process of its own. */
export async function startCluster(
  discordOptions: DiscordStandInOptions = {},
  startMongo: () => Promise<{ uri: string; stop(): Promise<void> }> = startTestMongo,
): Promise<Cluster> {
  const [discord, github, mongo, publicPort] = await Promise.all([
    startDiscordStandIn(discordOptions),
    startGitHubStandIn(),
    startMongo(),
    findFreePort(),
  ]);
  const env = {
    ...standInSettings({ discord, github, mongoUri: mongo.uri, port: publicPort }),
    LOG_LEVEL: "info",
    HTTP_RATE_LIMIT: "100000",
    LINK_RATE_LIMIT: "1000",
  };
  return {
    discord,
    github,
    mongoUri: mongo.uri,
    env,
    publicPort,
    async stop() {
      await Promise.all([discord.close(), github.close(), mongo.stop()]);
    },
  };
}

export interface Node {
  bot: RunningOctolink;
  logs(): Array<Record<string, unknown>>;
}

/** One octolink process in this test process (its own MongoDB connection, REST and gateway clients). */
export async function startNode(cluster: Cluster, env: Record<string, string>): Promise<Node> {
  const config = parseConfig({ ...cluster.env, PORT: "0", ...env });
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const bot = await startOctolink(config, createLogger(config.logLevel, sink));
  return { bot, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

export async function readiness(url: string): Promise<{ status: number; checks: Record<string, boolean> }> {
  const res = await fetch(`${url}/readyz`);
  const body = (await res.json()) as { checks: Record<string, boolean> };
  return { status: res.status, checks: body.checks };
}
