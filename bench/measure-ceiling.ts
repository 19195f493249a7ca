import { findFreePort } from "../test/support/stand-in-settings.ts";
import { spawnNodeScript, waitUntilServing } from "./child-process.ts";
import { runClosedLoop } from "./load.ts";
import { perSecond, summarize, type Summary } from "./stats.ts";

export interface CeilingFigures {
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: Summary;
}

/** A bare Hono route in a process of its own, loaded like the bot's pages. */
export async function measureCeiling(opts: {
  concurrency: number;
  durationMs: number;
}): Promise<CeilingFigures> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = spawnNodeScript("bench/bare-hono.ts", { PORT: String(port) });
  try {
    await waitUntilServing(url, server);
    const load = async (durationMs: number, latencies?: number[]) =>
      runClosedLoop({ concurrency: opts.concurrency, durationMs }, async () => {
        const started = performance.now();
        const response = await fetch(url);
        if ((await response.text()) !== "ok") throw new Error("the bare route answered wrong");
        latencies?.push(performance.now() - started);
      });
    await load(1_000); // warm-up: JIT and keep-alive connections
    const latencies: number[] = [];
    const { elapsedMs, iterations } = await load(opts.durationMs, latencies);
    return {
      concurrency: opts.concurrency,
      requests: iterations,
      requestsPerSecond: perSecond(iterations, elapsedMs),
      latencyMs: summarize(latencies),
    };
  } finally {
    await server.stop();
  }
}
