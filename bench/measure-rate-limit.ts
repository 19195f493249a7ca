import { Hono } from "hono";
import type { Config } from "../src/config.ts";
import { limitPerClient } from "../src/web/rate-limit.ts";
import { createMemoryRefusalCounter } from "../src/web/refusal-counter.ts";
import { summarize, type Summary } from "./stats.ts";

export interface RateLimitFigures {
  /** Distinct client addresses sent before the second sample. */
  distinctKeys: number;
  /** Keys the limiter still holds after them (its bound). */
  keysKept: number;
  /** Microseconds per refused request through the limiter: a fresh table, then after the flood. */
  freshTableUs: Summary;
  afterFloodUs: Summary;
}

const SAMPLE = 2_000;

/**
 * The limiter alone, in this process: every request is refused (so each one is counted) and
 * comes from a new address behind one trusted proxy. A flood of new keys must cost a request
 * no more than the first ones did.
 */
export async function measureRateLimit(distinctKeys = 100_000): Promise<RateLimitFigures> {
  const config = { trustProxy: 1, limits: { httpPerClient: 5 } } as Config;
  const counter = createMemoryRefusalCounter({ limit: 5, windowMs: 60_000, maxKeys: 50_000 });
  const app = new Hono().use(limitPerClient(config, counter)).get("/", (c) => c.text("refused", 400));
  let next = 0;
  const send = async () => {
    next += 1;
    const address = `10.${(next >> 16) & 255}.${(next >> 8) & 255}.${next & 255}`;
    const res = await app.request("/", { headers: { "x-forwarded-for": address } });
    if (res.status !== 400) throw new Error(`the limiter answered ${res.status} to a new address`);
  };
  const sample = async () => {
    const micros: number[] = [];
    for (let i = 0; i < SAMPLE; i++) {
      const started = performance.now();
      await send();
      micros.push((performance.now() - started) * 1000);
    }
    return summarize(micros);
  };
  for (let i = 0; i < SAMPLE; i++) await send(); // warm-up: JIT
  const freshTableUs = await sample();
  const flooded = next + distinctKeys;
  while (next < flooded) await send();
  const afterFloodUs = await sample();
  return { distinctKeys, keysKept: counter.size(), freshTableUs, afterFloodUs };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measureRateLimit());
