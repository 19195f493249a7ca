import { authorizeAsMember, walkLinkPages } from "./browser.ts";
import { startBenchEnvironment } from "./environment.ts";
import { runCount } from "./load.ts";
import { readProcessCpuMs } from "./memory.ts";

/**
 * `npx tsx bench/cpu-per-link.ts [links] [browsers]`: the bot's CPU per whole link (/link, the
 * pages, the DM and the reply edit) at a modest pace, for comparing changes on a busy machine
 * where `npm run bench`'s burst figures swing with the load. Writes nothing.
 */
const links = Number(process.argv[2] ?? 300);
const browsers = Number(process.argv[3] ?? 8);
const env = await startBenchEnvironment();
try {
  const runLinks = async (count: number) => {
    const tokens: string[] = [];
    await runCount({ count, concurrency: browsers }, async () => {
      const member = env.newMember();
      const authorized = await authorizeAsMember(env, member);
      await walkLinkPages(authorized, member);
      tokens.push(authorized.interactionToken);
    });
    await env.discord.waitFor(
      () => tokens.every((t) => env.discord.originalMessage(t)?.content?.includes("Linked")),
      120_000,
    );
  };
  await runLinks(100);
  const before = await readProcessCpuMs(env.bot.pid);
  const started = performance.now();
  await runLinks(links);
  const cpuMs = (await readProcessCpuMs(env.bot.pid)) - before;
  const elapsedS = (performance.now() - started) / 1000;
  console.log(
    `${links} links, ${browsers} browsers, ${elapsedS.toFixed(1)} s: bot ${(cpuMs / links).toFixed(2)} ms CPU per link`,
  );
} finally {
  await env.stop();
}
