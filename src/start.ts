import { serve } from "@hono/node-server";
import { REST } from "discord.js";
import type { AddressInfo } from "node:net";
import { commands } from "../commands/index.ts";
import { createBot, restOptions } from "./bot/client.ts";
import type { Config, Role } from "./config.ts";
import { createDiscordDirectory } from "./discord/directory.ts";
import { createGuildRoles } from "./discord/guild-roles.ts";
import { createDiscordDelivery } from "./discord/notifier.ts";
import { pacedRoleRequests } from "./discord/paced-requests.ts";
import { createGitHubClient } from "./github/index.ts";
import type { LinkingDeps } from "./linking/index.ts";
import { createNotifier, type OutboxWorker, performJob, startOutboxWorker } from "./linking/outbox/index.ts";
import { createRoleQueue } from "./linking/roles/role-queue.ts";
import { startRoleSyncSchedule } from "./linking/roles/role-sync-schedule.ts";
import type { Logger } from "./log.ts";
import { createStorage, isStorageReady, openStorageConnection } from "./storage/index.ts";
import { createApp, createHealthApp } from "./web/app.ts";
import type { Readiness } from "./web/routes/health.ts";
import { createWebhookQueue, disabledWebhookQueue } from "./webhooks/link-webhooks.ts";

export interface RunningOctolink {
  /** Where the web server (or, for a gateway or worker, its health checks) listens (useful with PORT=0). */
  url: string;
  deps: LinkingDeps;
  /**
   * Stops taking work, in order: HTTP requests finish, the gateway disconnects, the worker
   * finishes its jobs (or hands them back); then MongoDB closes. Queued jobs stay for the next worker.
   */
  stop(): Promise<void>;
}

const runs = (role: Role, part: Exclude<Role, "all">) => role === "all" || role === part;

/** Wires the parts the ROLE needs; src/main.ts adds the environment and signals, tests call this directly. */
export async function startOctolink(config: Config, log: Logger): Promise<RunningOctolink> {
  if (!config.verifyDiscord && runs(config.role, "web")) {
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
  const rest = new REST({
    ...restOptions(config),
    makeRequest: pacedRoleRequests(config.roleSync.discordPerSecond),
  }).setToken(config.discord.token);
  let worker: OutboxWorker | undefined = undefined;
  // A job written in this process starts at once when this process runs a worker.
  const queued = () => worker?.wake();
  const deps: LinkingDeps = {
    config,
    storage,
    github: createGitHubClient(config.github, config.publicUrl),
    notifier: createNotifier({ storage, queued }),
    discord: createDiscordDirectory({ rest, log }),
    guildRoles: createGuildRoles({ rest }),
    roleQueue: createRoleQueue({ storage, queued }),
    webhooks: config.linkWebhook ? createWebhookQueue({ ...config.linkWebhook, log }) : disabledWebhookQueue,
    log,
  };
  const runsWorker = runs(config.role, "worker");
  worker = runsWorker ? startWorker(deps, rest) : undefined;
  const syncEvery = config.roleSync.intervalMs;
  const schedule = runsWorker && syncEvery ? startRoleSyncSchedule(deps, syncEvery) : undefined;

  const bot = runs(config.role, "gateway") ? createBot({ ...deps, commands }) : undefined;
  const client = bot?.client;
  const checkReadiness = async (): Promise<Readiness> => ({
    storage: await isStorageReady(storage),
    ...(client ? { discord: client.isReady() } : {}),
  });
  const app = runs(config.role, "web")
    ? createApp({ ...deps, checkReadiness })
    : createHealthApp({ checkReadiness, log });
  const { server, port } = await listen(app.fetch, config);
  log.info({ port, publicUrl: config.publicUrl, role: config.role }, "web server listening");
  try {
    await client?.login(config.discord.token);
  } catch (err) {
    server.close();
    schedule?.stop();
    await worker?.stop(0);
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
      await bot?.stop();
      schedule?.stop();
      await worker?.stop();
      deps.webhooks.stop();
      await mongo.close();
    },
  };
}

function startWorker(deps: LinkingDeps, rest: REST): OutboxWorker {
  const { config, storage, log } = deps;
  const delivery = createDiscordDelivery({
    rest,
    interactionRest: new REST(restOptions(config)),
    applicationId: config.discord.clientId,
    log,
  });
  return startOutboxWorker({
    storage,
    perform: (claim) => performJob({ delivery, tokenKeys: config.tokenKeys, linking: deps }, claim),
    log,
  });
}

function listen(fetch: (req: Request) => Response | Promise<Response>, config: Config) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once("error", reject);
  });
}
