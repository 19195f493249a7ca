import { prepareBaseline } from "./baseline.ts";
import { type BaselineFigures, formatComparison } from "./compare.ts";
import { measureBot } from "./measure-bot.ts";
import { measureCeiling } from "./measure-ceiling.ts";
import { measureRateLimit } from "./measure-rate-limit.ts";
import { type BenchResults, describeMachine, writeResults } from "./report.ts";

// `npm run bench`. BENCH_CPU_PROF=1 also writes CPU profiles of the bot and of the MongoDB test
// server to bench/profiles/. BENCH_BASELINE=<git rev> first runs the same measurements against
// that revision of the bot (see bench/baseline.ts) and prints the two side by side.
const BROWSERS = 50;
const CALLBACK_MS = 20_000;
const profile = process.env.BENCH_CPU_PROF === "1";
const baselineRev = process.env.BENCH_BASELINE;

const log = (message: string) => console.log(`[bench] ${message}`);

const machine = describeMachine();
const measure = { browsers: BROWSERS, burstMs: CALLBACK_MS, profile };
const baseline = baselineRev ? prepareBaseline(baselineRev) : undefined;
try {
  let before: BaselineFigures | undefined;
  if (baseline) {
    log(`the baseline, ${baseline.rev}: MongoDB, the GitHub and Discord stand-ins and its bot`);
    const figures = await measureBot({ ...measure, bot: baseline.bot });
    before = { rev: baseline.rev, commit: baseline.commit, ...figures };
  }
  log("starting MongoDB, the GitHub and Discord stand-ins and the bot");
  const after = await measureBot(measure);

  log(`ceiling: a bare Hono route, ${BROWSERS} connections`);
  const ceiling = await measureCeiling({ concurrency: BROWSERS, durationMs: 5_000 });

  log("rate limiter: 100,000 distinct client addresses");
  const rateLimit = await measureRateLimit(100_000);

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    node: process.version,
    ...after,
    ceiling,
    rateLimit,
    linksToCeilingRatio:
      Math.round((after.callback.linksPerSecond / ceiling.requestsPerSecond) * 10_000) / 10_000,
    ...(before ? { baseline: before } : {}),
  };
  const comparison = before && formatComparison(before, after);
  console.log(`\n${await writeResults(results, comparison)}\n`);
  if (comparison) console.log(`${comparison}\n`);
  const { callback, notifications } = after;
  if (callback.failed > 0 || notifications.dropped > 0 || notifications.notStored > 0) {
    process.exitCode = 1;
  }
} finally {
  baseline?.remove();
}
