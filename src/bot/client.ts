import { Client, Events, GatewayIntentBits, type Interaction, Options, type RESTOptions } from "discord.js";
import type { LinkingDeps } from "../linking/index.ts";
import * as undoLink from "./buttons/undo-link.ts";
import type { Command } from "./command.ts";
import { createInteractionHandler } from "./dispatch.ts";

export interface BotDeps extends LinkingDeps {
  commands: readonly Command[];
  /** Where and how the client's REST calls (the interaction replies) go: shared with the worker's clients. */
  rest: Partial<RESTOptions>;
}

export interface Bot {
  client: Client;
  /** Takes no new interactions, lets those being handled answer, then closes the gateway. */
  stop(): Promise<void>;
}

/** The gateway client; slash commands are all it listens for, so `Guilds` is the only intent. */
export function createBot(deps: BotDeps): Bot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: deps.rest,
    makeCache: interactionOnlyCaches,
    // Discord sends each guild's events to shard (guild_id >> 22) % shard count; several
    // gateway processes each take their DISCORD_SHARD_IDS.
    ...(deps.config.shards ? { shards: deps.config.shards.ids, shardCount: deps.config.shards.count } : {}),
  });
  const handle = createInteractionHandler(deps.commands, [undoLink], deps);
  const handling = new Set<Promise<void>>();
  const onInteraction = (interaction: Interaction) => {
    const task = handle(interaction).finally(() => handling.delete(task));
    handling.add(task);
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.once(Events.ClientReady, (ready) =>
    deps.log.info({ user: ready.user.tag, shards: deps.config.shards?.ids }, "connected to Discord"),
  );
  client.on(Events.Error, (err) => deps.log.error({ err }, "Discord client error"));
  return {
    client,
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      await Promise.allSettled([...handling]);
      await client.destroy();
    },
  };
}

const isBot = (entity: { id: string; client: Client }) => entity.id === entity.client.user?.id;

/**
 * Every interaction carries its member and user, and nothing here reads them back from a cache:
 * without limits each member who ever ran a command would stay in memory for good.
 */
const interactionOnlyCaches = Options.cacheWithLimits({
  ...Options.DefaultMakeCacheSettings,
  MessageManager: 0,
  UserManager: { maxSize: 0, keepOverLimit: isBot },
  GuildMemberManager: { maxSize: 0, keepOverLimit: isBot },
  PresenceManager: 0,
  ReactionManager: 0,
  ThreadMemberManager: 0,
  VoiceStateManager: 0,
});
