import { buttonUrl } from "../test/support/members.ts";
import type { BenchEnvironment } from "./environment.ts";
import { runCount } from "./load.ts";
import { type Summary, summarize } from "./stats.ts";

export interface LinkCommandFigures {
  interactions: number;
  concurrency: number;
  /** INTERACTION_CREATE sent → the reply's callback arriving, at the Discord stand-in. */
  handlingMs: Summary;
}

/** The stand-in's loopback reading of one interaction: dispatch to accepted callback. */
export function handlingTimeOf(env: BenchEnvironment, interactionToken: string): number {
  const timing = env.discord.interactionTiming(interactionToken);
  if (timing?.dispatchedAt === undefined || timing.answeredAt === undefined) {
    throw new Error("an interaction has no dispatch or callback time");
  }
  return timing.answeredAt - timing.dispatchedAt;
}

/** `/link` from distinct members, each reply checked for its button; a warm-up is not counted. */
export async function measureLinkCommand(
  env: BenchEnvironment,
  opts: { warmup: number; count: number; concurrency: number },
): Promise<LinkCommandFigures> {
  const runLink = async () => {
    const member = env.newMember();
    const sent = await env.discord.sendCommand({ name: "link", userId: member.discordId });
    buttonUrl(await sent.reply);
    return handlingTimeOf(env, sent.token);
  };
  await runCount({ count: opts.warmup, concurrency: opts.concurrency }, async () => {
    await runLink();
  });
  const handling: number[] = [];
  await runCount({ count: opts.count, concurrency: opts.concurrency }, async () => {
    handling.push(await runLink());
  });
  return {
    interactions: handling.length,
    concurrency: opts.concurrency,
    handlingMs: summarize(handling),
  };
}
