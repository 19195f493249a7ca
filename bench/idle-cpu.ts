import { printBeforeAndAfter } from "./baseline.ts";
import { type BotCommand, startBenchEnvironment } from "./environment.ts";
import { measureIdleCpu } from "./measure-whole-link.ts";

/**
 * `npx tsx bench/idle-cpu.ts [seconds]`: the idle bot's CPU, in ms per second, over `seconds`
 * (30 by default) after it has been up for 5 s. BENCH_BASELINE=<git rev> measures that
 * revision and this checkout in turn, BENCH_ROUNDS times each (2 by default); BENCH_CPU_PROF=1
 * profiles the bot (read the idle part with `summarize-profile <file> 25 <seconds to skip>`).
 */
const seconds = Number(process.argv[2] ?? 30);
const profile = process.env.BENCH_CPU_PROF === "1";
const SETTLE_MS = 5_000;

async function measure(bot?: BotCommand): Promise<string> {
  const env = await startBenchEnvironment({ bot, profile });
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return `${await measureIdleCpu(env.bot.pid, seconds * 1000)} ms of CPU per second over ${seconds} s`;
  } finally {
    await env.stop();
  }
}

await printBeforeAndAfter(measure, "idle bot: ");
