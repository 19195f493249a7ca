import { authorizeAsMember, walkLinkPages } from "./browser.ts";
import type { BenchEnvironment, BenchMember } from "./environment.ts";
import { runClosedLoop } from "./load.ts";
import { handlingTimeOf } from "./measure-link-command.ts";
import { readProcessCpuMs } from "./memory.ts";
import { perSecond, summarize, type Summary } from "./stats.ts";

export interface Completion {
  member: BenchMember;
  interactionToken: string;
  /** Date.now() when the last page had loaded: the clock the stand-in stamps messages with. */
  pageDoneAt: number;
}

export interface CallbackFigures {
  browsers: number;
  elapsedS: number;
  links: number;
  failed: number;
  linksPerSecond: number;
  /** Latency of each of our pages, by name. */
  pageMs: Record<string, Summary>;
  /** `/link` handling time while the burst runs. */
  linkCommandUnderLoadMs: Summary;
  /** CPU time, as % of one core: the bot's, the MongoDB test server's, this process's (stand-ins, browsers). */
  botCpuPercent: number;
  /** Absent on a real MongoDB (MONGODB_TEST_URI), whose process the bench cannot see. */
  mongoCpuPercent?: number;
  benchCpuPercent: number;
  /** The bot's CPU during the burst ÷ links: most of their DMs, role changes and audit posts come after it. */
  botCpuMsPerLinkDuringBurst: number;
}

/** Where the burst began and ended, on the bot's CPU clock and performance.now(). */
export interface BurstSpan {
  botCpuAtStartMs: number;
  startedAt: number;
  endedAt: number;
}

/**
 * `browsers` members at a time go through the whole flow (`/link`, GitHub, our pages), each
 * starting again as a new member as soon as their link is made, for `durationMs`.
 */
export async function measureCallback(
  env: BenchEnvironment,
  opts: { browsers: number; durationMs: number },
): Promise<{ figures: CallbackFigures; completions: Completion[]; span: BurstSpan }> {
  const completions: Completion[] = [];
  const pageTimings = new Map<string, number[]>();
  const linkHandling: number[] = [];
  const failures: string[] = [];
  const botCpuBefore = await readProcessCpuMs(env.bot.pid);
  const mongoCpuBefore = await mongoCpuMs(env);
  const benchCpuBefore = process.cpuUsage();
  const startedAt = performance.now();

  const { elapsedMs } = await runClosedLoop(
    { concurrency: opts.browsers, durationMs: opts.durationMs },
    async () => {
      const member = env.newMember();
      try {
        const authorized = await authorizeAsMember(env, member);
        linkHandling.push(handlingTimeOf(env, authorized.interactionToken));
        const timings = await walkLinkPages(authorized, member);
        completions.push({
          member,
          interactionToken: authorized.interactionToken,
          pageDoneAt: Date.now(),
        });
        for (const [page, ms] of Object.entries(timings)) {
          const list = pageTimings.get(page) ?? [];
          list.push(ms);
          pageTimings.set(page, list);
        }
      } catch (err) {
        failures.push((err as Error).message);
      }
    },
  );
  const endedAt = performance.now();
  const botCpuMs = (await readProcessCpuMs(env.bot.pid)) - botCpuBefore;
  const mongoCpuAfter = await mongoCpuMs(env);
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const benchCpuMs = (benchCpu.user + benchCpu.system) / 1000;
  const percentOf = (cpuMs: number) => Math.round((cpuMs / elapsedMs) * 100);
  if (failures.length > 0) console.error(`${failures.length} links failed, e.g. ${failures[0]}`);

  return {
    figures: {
      browsers: opts.browsers,
      elapsedS: Math.round(elapsedMs / 100) / 10,
      links: completions.length,
      failed: failures.length,
      linksPerSecond: perSecond(completions.length, elapsedMs),
      pageMs: Object.fromEntries([...pageTimings].map(([page, ms]) => [page, summarize(ms)])),
      linkCommandUnderLoadMs: summarize(linkHandling),
      botCpuPercent: percentOf(botCpuMs),
      ...(mongoCpuAfter !== undefined && mongoCpuBefore !== undefined
        ? { mongoCpuPercent: percentOf(mongoCpuAfter - mongoCpuBefore) }
        : {}),
      benchCpuPercent: percentOf(benchCpuMs),
      botCpuMsPerLinkDuringBurst: Math.round((botCpuMs / completions.length) * 100) / 100,
    },
    completions,
    span: { botCpuAtStartMs: botCpuBefore, startedAt, endedAt },
  };
}

const mongoCpuMs = (env: BenchEnvironment) =>
  env.mongo.pid === undefined ? undefined : readProcessCpuMs(env.mongo.pid);
