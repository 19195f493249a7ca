import { type BotCommand, startBenchEnvironment } from "./environment.ts";
import { measureCallback } from "./measure-callback.ts";
import { measureLinkCommand } from "./measure-link-command.ts";
import { measureNotifications } from "./measure-notifications.ts";
import { countRequests, perLink, type RequestCounts } from "./measure-requests.ts";
import { measureRoundTrips } from "./measure-round-trips.ts";
import { followWholeLink, measureIdleCpu } from "./measure-whole-link.ts";
import { readProcessMemory } from "./memory.ts";

/** Everything `npm run bench` measures of one bot (the rest, the ceiling and the limiter, is the machine's). */
export type BotFigures = Awaited<ReturnType<typeof measureBot>>;

const log = (message: string) => console.log(`[bench] ${message}`);
const IDLE_MS = 10_000;

/** Starts a fresh environment for `bot` (this checkout's by default), measures it, and stops it. */
export async function measureBot(opts: {
  browsers: number;
  burstMs: number;
  bot?: BotCommand;
  profile: boolean;
}) {
  const env = await startBenchEnvironment({ bot: opts.bot, profile: opts.profile });
  try {
    await new Promise((r) => setTimeout(r, 1_000));
    const idle = await readProcessMemory(env.bot.pid);

    log("/link: 1,000 interactions after 200 to warm up");
    const linkCommand = await measureLinkCommand(env, { warmup: 200, count: 1_000, concurrency: 1 });

    log(`idle CPU: ${IDLE_MS / 1000} s without a request`);
    await new Promise((r) => setTimeout(r, 1_000));
    const idleBotCpuMsPerS = await measureIdleCpu(env.bot.pid, IDLE_MS);

    log(`callback: ${opts.browsers} browsers for ${opts.burstMs / 1000} s`);
    const countsBefore = await countRequests(env);
    const {
      figures: callback,
      completions,
      span,
    } = await measureCallback(env, { browsers: opts.browsers, durationMs: opts.burstMs });

    log(`waiting for ${completions.length} DMs and reply edits`);
    let countsAfter: RequestCounts = countsBefore;
    const wholeLink = followWholeLink(env.bot.pid, span, idleBotCpuMsPerS);
    const notifications = await measureNotifications(env, completions, {
      whenArrived: wholeLink.whenArrived,
      whenDelivered: async () => {
        countsAfter = await countRequests(env);
      },
    });
    const afterLoad = await readProcessMemory(env.bot.pid);

    log("round trips: a few members one at a time, MongoDB's and then GitHub's replies delayed");
    const roundTrips = await measureRoundTrips(env);
    return {
      linkCommand,
      callback,
      wholeLink: wholeLink.figures(completions.length),
      notifications,
      perLink: perLink(countsBefore, countsAfter, completions.length),
      roundTrips,
      botMemory: { idle, afterLoad },
    };
  } finally {
    await env.stop();
  }
}
