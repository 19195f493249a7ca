import { Client, Events, GatewayIntentBits, Options } from "discord.js";
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
    makeCache: interactionOnlyCaches,
  });
  const handle = createInteractionHandler(deps.commands, [undoLink], deps);
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.once(Events.ClientReady, (ready) => deps.log.info({ user: ready.user.tag }, "connected to Discord"));
  client.on(Events.Error, (err) => deps.log.error({ err }, "Discord client error"));
  return client;
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

export const restOptions = (config: Config) => ({ api: config.discord.apiUrl });
