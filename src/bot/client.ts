import { Client, Events, GatewayIntentBits } from "discord.js";
import type { Config } from "../config.ts";
import type { LinkingDeps } from "../linking/index.ts";
import * as undoLink from "./buttons/undo-link.ts";
import type { Command } from "./command.ts";
import { createInteractionHandler } from "./dispatch.ts";

export interface BotDeps extends LinkingDeps {
  commands: readonly Command[];
}

/** The gateway client; slash commands are all it listens for, so `Guilds` is the only intent. */
export function createBot(deps: BotDeps): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(deps.config),
    // Discord sends each guild's events to shard (guild_id >> 22) % shard count; several
    // gateway processes each take their DISCORD_SHARD_IDS.
    ...(deps.config.shards ? { shards: deps.config.shards.ids, shardCount: deps.config.shards.count } : {}),
  });
  const handle = createInteractionHandler(deps.commands, [undoLink], deps);
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.once(Events.ClientReady, (ready) =>
    deps.log.info({ user: ready.user.tag, shards: deps.config.shards?.ids }, "connected to Discord"),
  );
  client.on(Events.Error, (err) => deps.log.error({ err }, "Discord client error"));
  return client;
}

export const restOptions = (config: Config) => ({ api: config.discord.apiUrl });
