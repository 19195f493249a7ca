import mongoose, { type Connection } from "mongoose";
import { join } from "node:path";
import { buildIfStale, compiledPath, startFlags } from "../test/support/build.ts";
import { type DiscordStandIn, startDiscordStandIn } from "../test/support/discord/index.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../test/support/github/index.ts";
import { findFreePort, standInSettings } from "../test/support/stand-in-settings.ts";
import { type NodeChild, ROOT, spawnNodeScript, waitUntilServing } from "./child-process.ts";
import { type BenchMongo, startBenchMongo } from "./mongo-child.ts";

export interface BenchMember {
  discordId: string;
  githubId: number;
  login: string;
}

// `profile`: CPU profiles of the bot and the MongoDB test server.
const PROFILE_FLAGS = ["--cpu-prof", `--cpu-prof-dir=${join(ROOT, "bench/profiles")}`];

/** How the bot is started: by default this checkout's `npm start` (see bench/baseline.ts). */
export interface BotCommand {
  script: string;
  nodeFlags: string[];
}

export interface BenchEnvironment {
  /** The MongoDB test server, in a process of its own. */
  mongo: BenchMongo;
  github: GitHubStandIn;
  discord: DiscordStandIn;
  /** The bot, as `npm start` runs it (compiled), in a process of its own. */
  bot: NodeChild;
  botUrl: string;
  /** The bot's database, for checking what it stored. */
  db: Connection;
  /** A Discord member with a GitHub account of their own, never used before. */
  newMember(): BenchMember;
  stop(): Promise<void>;
}

/**
 * The stand-ins in this process (with the browsers), the MongoDB test server and the bot each in
 * a child, all on loopback.
 */
export async function startBenchEnvironment(
  opts: { bot?: BotCommand; profile?: boolean } = {},
): Promise<BenchEnvironment> {
  const [mongo, github, discord, port] = await Promise.all([
    startBenchMongo(`octolink_bench_${Date.now().toString(36)}`, opts.profile ? PROFILE_FLAGS : []),
    startGitHubStandIn(),
    startDiscordStandIn(),
    findFreePort(),
  ]);
  const botCommand = opts.bot ?? thisCheckoutsBot();
  const settings = standInSettings({ discord, github, mongoUri: mongo.uri, port });
  const botUrl = settings.PUBLIC_URL ?? "";
  const bot = spawnNodeScript(
    botCommand.script,
    {
      ...settings,
      LOG_LEVEL: "info",
      // Every simulated browser is 127.0.0.1; the abuse limits would measure themselves.
      HTTP_RATE_LIMIT: "1000000",
    },
    [...botCommand.nodeFlags, ...(opts.profile ? PROFILE_FLAGS : [])],
  );
  await waitUntilServing(`${botUrl}/readyz`, bot);
  const db = await mongoose.createConnection(mongo.uri).asPromise();

  let serial = 0;
  return {
    mongo,
    github,
    discord,
    bot,
    botUrl,
    db,
    newMember() {
      serial += 1;
      const member = {
        discordId: String(300000000000000000n + BigInt(serial)),
        githubId: 900000 + serial,
        login: `bench-user-${serial}`,
      };
      discord.addUser({ id: member.discordId, username: `bench${serial}`, global_name: null });
      github.addUser({ id: member.githubId, login: member.login, name: `Bench ${serial}` });
      return member;
    },
    async stop() {
      const code = await bot.stop();
      if (code !== 0) console.error(`the bot exited with ${code}:\n${bot.output()}`);
      await db.close();
      await Promise.all([mongo.stop(), github.close(), discord.close()]);
    },
  };
}

/** What `npm start` runs here: the compiled JavaScript (built if stale), no TypeScript loader. */
function thisCheckoutsBot(): BotCommand {
  buildIfStale();
  return { script: compiledPath("src/main.ts"), nodeFlags: startFlags() };
}
