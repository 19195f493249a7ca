import { authorizeAsMember, walkLinkPages } from "./browser.ts";
import type { BenchEnvironment } from "./environment.ts";
import { handlingTimeOf } from "./measure-link-command.ts";

/** Sequential round trips before each answer: how many times the member waits on a service. */
export interface RoundTrips {
  /** The delay added to every reply of one service at a time. */
  delayMs: number;
  mongo: StepRoundTrips | null;
  github: StepRoundTrips;
}

type StepRoundTrips = Record<"link" | "callback" | "confirm", number>;
type StepTimes = Record<keyof StepRoundTrips, number[]>;

const DELAY_MS = 150;
const PROBES = 7;

/**
 * One member at a time, the whole flow is timed three ways: as is, with every MongoDB reply
 * delayed, and with every GitHub reply delayed. Each step's added time ÷ the delay is the
 * number of round trips it waits for one after another (ones sent together count once).
 */
export async function measureRoundTrips(env: BenchEnvironment): Promise<RoundTrips> {
  const baseline = await probe(env);
  let mongo: StepRoundTrips | null = null;
  if (await env.mongo.setReplyDelay(DELAY_MS)) {
    mongo = roundTripsOf(baseline, await probe(env).finally(() => env.mongo.setReplyDelay(0)));
  }
  env.github.setLatency(DELAY_MS);
  const github = roundTripsOf(baseline, await probe(env).finally(() => env.github.setLatency(0)));
  return { delayMs: DELAY_MS, mongo, github };
}

async function probe(env: BenchEnvironment): Promise<StepTimes> {
  const times: StepTimes = { link: [], callback: [], confirm: [] };
  for (let i = 0; i < PROBES; i++) {
    const member = env.newMember();
    const authorized = await authorizeAsMember(env, member);
    times.link.push(handlingTimeOf(env, authorized.interactionToken));
    const pages = await walkLinkPages(authorized, member);
    times.callback.push(pages.callback ?? Number.NaN);
    times.confirm.push(pages.confirm ?? Number.NaN);
  }
  return times;
}

function roundTripsOf(baseline: StepTimes, delayed: StepTimes): StepRoundTrips {
  const added = (step: keyof StepTimes) =>
    Math.round(((median(delayed[step]) - median(baseline[step])) / DELAY_MS) * 10) / 10;
  return { link: added("link"), callback: added("callback"), confirm: added("confirm") };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
