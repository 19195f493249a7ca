import mongoose, { type Connection } from "mongoose";
import { buildIfStale, compiledPath, startFlags } from "../test/support/build.ts";
import { type DiscordStandIn, startDiscordStandIn } from "../test/support/discord/index.ts";
import { type GitHubStandIn, startGitHubStandIn } from "../test/support/github/index.ts";
import { startTestMongo, type TestMongo } from "../test/support/mongo/index.ts";
import { findFreePort, standInSettings } from "../test/support/stand-in-settings.ts";
import { type NodeChild, spawnNodeScript, waitUntilServing } from "./child-process.ts";

export interface BenchMember {
  discordId: string;
  githubId: number;
  login: string;
}

export interface BenchEnvironment {
  mongo: TestMongo;
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

/** The stand-ins and MongoDB in this process, the bot in a child, all on loopback. */
export async function startBenchEnvironment(
  opts: { botNodeFlags?: string[] } = {},
): Promise<BenchEnvironment> {
  const [mongo, github, discord, port] = await Promise.all([
    // MongoDB's own TTL monitor runs once a minute; the tests' 100 ms sweep would only add load.
    startTestMongo({ ttlSweepMs: 60_000 }),
    startGitHubStandIn(),
    startDiscordStandIn(),
    findFreePort(),
  ]);
  const settings = standInSettings({ discord, github, mongoUri: mongo.uri, port });
  const botUrl = settings.PUBLIC_URL ?? "";
  // What `npm start` runs: the compiled JavaScript, no TypeScript loader.
  buildIfStale();
  const bot = spawnNodeScript(
    compiledPath("src/main.ts"),
    {
      ...settings,
      LOG_LEVEL: "info",
      // Every simulated browser is 127.0.0.1; the abuse limits would measure themselves.
      HTTP_RATE_LIMIT: "1000000",
    },
    [...startFlags(), ...(opts.botNodeFlags ?? [])],
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
