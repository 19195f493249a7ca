import { profiled, startBenchEnvironment } from "./environment.ts";
import { measureCallback } from "./measure-callback.ts";
import { measureCeiling } from "./measure-ceiling.ts";
import { measureLinkCommand } from "./measure-link-command.ts";
import { measureNotifications } from "./measure-notifications.ts";
import { measureRateLimit } from "./measure-rate-limit.ts";
import { countRequests, perLink, type RequestCounts } from "./measure-requests.ts";
import { measureRoundTrips } from "./measure-round-trips.ts";
import { readProcessMemory } from "./memory.ts";
import { type BenchResults, describeMachine, writeResults } from "./report.ts";

// `npm run bench`. BENCH_CPU_PROF=1 also writes CPU profiles of the bot and of the MongoDB test
// server to bench/profiles/.
const BROWSERS = 50;
const CALLBACK_MS = 20_000;
const cpuProfile = process.env.BENCH_CPU_PROF === "1";

const log = (message: string) => console.log(`[bench] ${message}`);

const machine = describeMachine();
log("starting MongoDB, the GitHub and Discord stand-ins and the bot");
const env = await startBenchEnvironment(cpuProfile ? profiled : {});
try {
  await new Promise((r) => setTimeout(r, 1_000));
  const idle = await readProcessMemory(env.bot.pid);

  log("/link: 1,000 interactions after 200 to warm up");
  const linkCommand = await measureLinkCommand(env, { warmup: 200, count: 1_000, concurrency: 1 });

  log(`callback: ${BROWSERS} browsers for ${CALLBACK_MS / 1000} s`);
  const countsBefore = await countRequests(env);
  const { figures: callback, completions } = await measureCallback(env, {
    browsers: BROWSERS,
    durationMs: CALLBACK_MS,
  });

  log(`waiting for ${completions.length} DMs and reply edits`);
  let countsAfter: RequestCounts = countsBefore;
  const notifications = await measureNotifications(env, completions, async () => {
    countsAfter = await countRequests(env);
  });
  const afterLoad = await readProcessMemory(env.bot.pid);

  log("round trips: a few members one at a time, MongoDB's and then GitHub's replies delayed");
  const roundTrips = await measureRoundTrips(env);

  log(`ceiling: a bare Hono route, ${BROWSERS} connections`);
  const ceiling = await measureCeiling({ concurrency: BROWSERS, durationMs: 5_000 });

  log("rate limiter: 100,000 distinct client addresses");
  const rateLimit = await measureRateLimit(100_000);

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    node: process.version,
    linkCommand,
    callback,
    notifications,
    perLink: perLink(countsBefore, countsAfter, completions.length),
    roundTrips,
    ceiling,
    rateLimit,
    linksToCeilingRatio: Math.round((callback.linksPerSecond / ceiling.requestsPerSecond) * 10_000) / 10_000,
    botMemory: { idle, afterLoad },
  };
  console.log(`\n${await writeResults(results)}\n`);
  if (callback.failed > 0 || notifications.dropped > 0 || notifications.notStored > 0) {
    process.exitCode = 1;
  }
} finally {
  await env.stop();
}
