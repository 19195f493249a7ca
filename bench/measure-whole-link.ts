import type { BurstSpan } from "./measure-callback.ts";
import { readProcessCpuMs } from "./memory.ts";

export interface WholeLinkFigures {
  /** The idle bot's CPU just before the burst, in ms per second. */
  idleBotCpuMsPerS: number;
  /** From the burst's start until the last DM or reply edit of its links arrived, in s. */
  elapsedS: number;
  /** From the burst's end until then: the drain. */
  drainS: number;
  /** The bot's CPU over `elapsedS` ÷ completed links: everything a link costs it. */
  botCpuMsPerLink: number;
  /** The same less `idleBotCpuMsPerS` × `drainS`: what the bot would have spent idle meanwhile. */
  botCpuMsPerLinkLessIdle: number;
}

/**
 * The CPU a process spends while nothing is asked of it, in ms per second, over `durationMs`
 * (the kernel counts in 10 ms ticks: a few seconds at least).
 */
export async function measureIdleCpu(pid: number, durationMs: number): Promise<number> {
  const before = await readProcessCpuMs(pid);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, durationMs));
  const cpuMs = (await readProcessCpuMs(pid)) - before;
  return Math.round((cpuMs / ((performance.now() - started) / 1000)) * 10) / 10;
}

/** Reads the bot's CPU each time more notices arrive, so the last reading is the last notice's. */
export function followWholeLink(pid: number, burst: BurstSpan, idleBotCpuMsPerS: number) {
  let last = { cpuMs: burst.botCpuAtStartMs, at: burst.endedAt };
  return {
    async whenArrived() {
      last = { cpuMs: await readProcessCpuMs(pid), at: performance.now() };
    },
    figures(links: number): WholeLinkFigures {
      const drainS = Math.max(0, last.at - burst.endedAt) / 1000;
      const cpuMs = last.cpuMs - burst.botCpuAtStartMs;
      const perLink = (ms: number) => Math.round((ms / links) * 100) / 100;
      return {
        idleBotCpuMsPerS,
        elapsedS: Math.round((last.at - burst.startedAt) / 100) / 10,
        drainS: Math.round(drainS * 10) / 10,
        botCpuMsPerLink: perLink(cpuMs),
        botCpuMsPerLinkLessIdle: perLink(cpuMs - idleBotCpuMsPerS * drainS),
      };
    },
  };
}
