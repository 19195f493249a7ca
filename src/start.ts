import { serve } from "@hono/node-server";
import { REST } from "discord.js";
import type { AddressInfo } from "node:net";
import { commands } from "../commands/index.ts";
import { createBot, restOptions } from "./bot/client.ts";
import type { Config } from "./config.ts";
import { createDiscordDirectory } from "./discord/directory.ts";
import { createNotifier } from "./discord/notifier.ts";
import { createGitHubClient } from "./github/index.ts";
import type { LinkingDeps } from "./linking/index.ts";
import type { Logger } from "./log.ts";
import { createStorage, isStorageReady, openStorageConnection } from "./storage/index.ts";
import { createApp } from "./web/app.ts";
import { createWebhookQueue, disabledWebhookQueue } from "./webhooks/link-webhooks.ts";

export interface RunningOctolink {
  /** Where the web server listens (useful with PORT=0). */
  url: string;
  deps: LinkingDeps;
  /** Stops taking requests, lets those in flight finish, sends queued DMs, then closes Discord and MongoDB. */
  stop(): Promise<void>;
}

/** Wires every part together; src/main.ts adds the environment and signals, tests call this directly. */
export async function startOctolink(config: Config, log: Logger): Promise<RunningOctolink> {
  if (!config.verifyDiscord) {
    log.warn(
      "The Discord sign-in check is off (set DISCORD_CLIENT_SECRET, and leave LINK_VERIFY_DISCORD unset): " +
        "a forwarded /link button is then stopped only by the confirmation page",
    );
  }
  const mongo = await openStorageConnection(config.mongodbUri, log);

  const storage = await createStorage(mongo.connection, {
    allowSharedGithub: config.allowSharedGithub,
    auditRetentionDays: config.auditRetentionDays,
  });
  const rest = new REST(restOptions(config)).setToken(config.discord.token);
  const notifier = createNotifier({
    rest,
    interactionRest: new REST(restOptions(config)),
    applicationId: config.discord.clientId,
    log,
  });
  const deps: LinkingDeps = {
    config,
    storage,
    github: createGitHubClient(config.github, config.publicUrl),
    notifier,
    discord: createDiscordDirectory({ rest, log }),
    webhooks: config.linkWebhook ? createWebhookQueue({ ...config.linkWebhook, log }) : disabledWebhookQueue,
    log,
  };

  const client = createBot({ ...deps, commands });
  const app = createApp({
    ...deps,
    checkReadiness: async () => ({
      storage: await isStorageReady(storage),
      discord: client.isReady(),
    }),
  });
  const { server, port } = await listen(app.fetch, config);
  log.info({ port, publicUrl: config.publicUrl }, "web server listening");
  try {
    await client.login(config.discord.token);
  } catch (err) {
    server.close();
    await mongo.close();
    throw err;
  }

  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    deps,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeIdleConnections" in server) server.closeIdleConnections();
      });
      await notifier.drain();
      deps.webhooks.stop();
      await client.destroy();
      await mongo.close();
    },
  };
}

function listen(fetch: (req: Request) => Response | Promise<Response>, config: Config) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once("error", reject);
  });
}
