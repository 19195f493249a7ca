import type { Document } from "bson";
import { expect } from "vitest";
import type { MongoTap } from "./mongo-tap.ts";
import { type Spawned, spawnScript, waitForOutput } from "./spawn-bot.ts";

/**
 * The bots a crash test starts, each through the MongoDB tap (`env` is read at start, once the
 * file's `beforeAll` has built it). `killLeft`, the file's `afterEach`: a failed test leaves its
 * bot running, and the next one needs the port.
 */
export function crashTestBots(env: () => Record<string, string>) {
  const bots: Spawned[] = [];
  return {
    async start(): Promise<Spawned> {
      const bot = spawnScript("src/main.ts", env());
      bots.push(bot);
      await waitForOutput(bot, /connected to Discord/, 30_000);
      return bot;
    },
    async killLeft(): Promise<void> {
      for (const bot of bots.splice(0)) {
        bot.killHard();
        await bot.exited;
      }
    },
  };
}

/**
 * Arms a SIGKILL of `bot` right before (MongoDB never sees it) or right after (MongoDB did it,
 * the bot never learns so) the first command `match` accepts; resolves once the bot is gone.
 */
export function killAtCommand(
  tap: MongoTap,
  bot: Spawned,
  match: (command: Document) => boolean,
  when: "before" | "after",
): Promise<number | null> {
  const killed = new Promise<void>((resolve) => {
    tap.trap({
      match,
      when,
      hit: () => {
        bot.killHard();
        resolve();
      },
    });
  });
  return killed.then(() => bot.exited);
}

/** SIGTERM, and the clean exit a graceful shutdown owes. */
export async function stopBot(bot: Spawned): Promise<void> {
  bot.child.kill("SIGTERM");
  expect(await bot.exited).toBe(0);
}
