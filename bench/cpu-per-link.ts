import { printBeforeAndAfter } from "./baseline.ts";
import { authorizeAsMember, walkLinkPages } from "./browser.ts";
import { type BotCommand, startBenchEnvironment } from "./environment.ts";
import { runCount } from "./load.ts";
import { readProcessCpuMs } from "./memory.ts";

/**
 * `npx tsx bench/cpu-per-link.ts [links] [browsers]`: the bot's CPU per whole link (/link, the
 * pages, the DM and the reply edit: from the first link's start until every DM and edit has
 * arrived) at a modest pace, for comparing changes on a busy machine where `npm run bench`'s
 * burst figures swing with the load, and the harness's beside it.
 * Writes nothing. BENCH_BASELINE=<git rev> measures that revision and this checkout in turn,
 * BENCH_ROUNDS times each (2 by default); BENCH_CPU_PROF=1 profiles the bot and MongoDB.
 */
const links = Number(process.argv[2] ?? 300);
const browsers = Number(process.argv[3] ?? 8);
const profile = process.env.BENCH_CPU_PROF === "1";

async function measure(bot?: BotCommand): Promise<string> {
  const env = await startBenchEnvironment({ bot, profile });
  try {
    // A link is done when its DM and its reply edit have arrived: the window holds all its work.
    const runLinks = async (count: number) => {
      const links: Array<{ token: string; discordId: string }> = [];
      await runCount({ count, concurrency: browsers }, async () => {
        const member = env.newMember();
        const authorized = await authorizeAsMember(env, member);
        await walkLinkPages(authorized, member);
        links.push({ token: authorized.interactionToken, discordId: member.discordId });
      });
      await env.discord.waitFor(
        () =>
          links.every(
            (link) =>
              env.discord.originalMessage(link.token)?.content?.includes("Linked") &&
              env.discord.dmsTo(link.discordId).length > 0,
          ),
        300_000,
      );
    };
    await runLinks(100);
    const mongoPid = env.mongo.pid ?? env.bot.pid;
    const before = await Promise.all([readProcessCpuMs(env.bot.pid), readProcessCpuMs(mongoPid)]);
    const benchBefore = process.cpuUsage();
    const started = performance.now();
    await runLinks(links);
    const after = await Promise.all([readProcessCpuMs(env.bot.pid), readProcessCpuMs(mongoPid)]);
    const bench = process.cpuUsage(benchBefore);
    const elapsedS = (performance.now() - started) / 1000;
    const perLink = (ms: number) => (ms / links).toFixed(2);
    const mongo = env.mongo.pid === undefined ? "" : `MongoDB test server ${perLink(after[1] - before[1])}, `;
    return (
      `${links} links, ${browsers} browsers, ${elapsedS.toFixed(1)} s: bot ${perLink(after[0] - before[0])} ms CPU per link` +
      `; the harness: ${mongo}bench process ${perLink((bench.user + bench.system) / 1000)}`
    );
  } finally {
    await env.stop();
  }
}

await printBeforeAndAfter(measure);
