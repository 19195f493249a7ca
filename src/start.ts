import { serve } from "@hono/node-server";
import { REST } from "discord.js";
import type { AddressInfo } from "node:net";
import { commands } from "../commands/index.ts";
import { createBot } from "./bot/client.ts";
import type { Config, Role } from "./config.ts";
import { createDiscordDirectory, type DiscordDirectory } from "./discord/directory.ts";
import { createGuildRoles } from "./discord/guild-roles.ts";
import { createDiscordTransport } from "./discord/http-transport.ts";
import { createDiscordDelivery } from "./discord/notifier.ts";
import { pacedRoleRequests } from "./discord/paced-requests.ts";
import { createGitHubClient } from "./github/index.ts";
import type { LinkingDeps } from "./linking/index.ts";
import {
  createLinkGuards,
  createNotifier,
  type LinkGuards,
  type OutboxWorker,
  type PerformDeps,
  performJob,
  startOutboxWorker,
} from "./linking/outbox/index.ts";
import { pushRoleConnection, scheduleRoleConnectionRefresh } from "./linking/role-connections/index.ts";
import { createRoleQueue } from "./linking/roles/role-queue.ts";
import { startRoleSyncSchedule } from "./linking/roles/role-sync-schedule.ts";
import { runRoleSync } from "./linking/roles/run-role-sync.ts";
import { settleMemberRoles } from "./linking/roles/settle-member-roles.ts";
import type { Logger } from "./log.ts";
import { createStorage, isStorageReady, openStorageConnection, type Storage } from "./storage/index.ts";
import { createApp, createHealthApp } from "./web/app.ts";
import type { Readiness } from "./web/routes/health.ts";

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
  // Every REST client of the process (the bot's, the reply edits', the gateway client's) shares one pool.
  const restOptions = { api: config.discord.apiUrl, makeRequest: createDiscordTransport() };
  const rest = new REST({
    ...restOptions,
    makeRequest: pacedRoleRequests(config.roleSync.discordPerSecond, restOptions.makeRequest),
  }).setToken(config.discord.token);
  const discord = createDiscordDirectory({ rest, log });
  const guards = createLinkGuards(storage);
  const worker = runs(config.role, "worker")
    ? startWorker(config, {
        storage,
        interactionRest: new REST(restOptions),
        guards,
        rest,
        directory: discord,
        log,
        pushRoleConnection: (discordId) => pushRoleConnection(deps, discordId),
        roleJobs: {
          settleMember: async (job) => ({ ...(await settleMemberRoles(deps, job)) }),
          syncGuild: async (job, delivery) => ({ ...(await runRoleSync({ linking: deps, delivery }, job)) }),
        },
      })
    : undefined;
  const deps: LinkingDeps = {
    config,
    storage,
    github: createGitHubClient(config.github, config.publicUrl),
    // Only a worker of this process reads what the guards learn here.
    notifier: createNotifier({ storage, worker, guards: worker && guards }),
    discord,
    guildRoles: createGuildRoles({ rest }),
    roleQueue: createRoleQueue({ storage, queued: worker?.wake }),
    log,
  };
  const schedule =
    worker && config.roleSyncIntervalMs ? startRoleSyncSchedule(deps, config.roleSyncIntervalMs) : undefined;

  const refresh =
    worker && config.linkedRoles && config.roleSyncIntervalMs
      ? scheduleRoleConnectionRefresh(deps, config.roleSyncIntervalMs)
      : undefined;

  const bot = runs(config.role, "gateway") ? createBot({ ...deps, commands, rest: restOptions }) : undefined;
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
    refresh?.stop();
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
      refresh?.stop();
      schedule?.stop();
      await worker?.stop();
      await mongo.close();
    },
  };
}

interface WorkerParts {
  storage: Storage;
  interactionRest: REST;
  guards: LinkGuards;
  rest: REST;
  directory: DiscordDirectory;
  log: Logger;
  pushRoleConnection: PerformDeps["pushRoleConnection"];
  roleJobs: PerformDeps["roleJobs"];
}

function startWorker(config: Config, parts: WorkerParts): OutboxWorker {
  const { storage, guards, rest, interactionRest, directory, log, pushRoleConnection, roleJobs } = parts;
  const delivery = createDiscordDelivery({
    rest,
    interactionRest,
    applicationId: config.discord.clientId,
    log,
  });
  const performDeps: PerformDeps = {
    delivery,
    directory,
    storage,
    tokenKeys: config.tokenKeys,
    linkWebhook: config.linkWebhook,
    pushRoleConnection,
    roleJobs,
    log,
    // A job that writes jobs (log-channel posts) has its worker look for them at once.
    queued: () => worker.wake(),
  };
  const worker = startOutboxWorker({
    storage,
    perform: (claim) => performJob(performDeps, claim),
    decide: (claim) => guards.decide(claim),
    log,
  });
  return worker;
}

function listen(fetch: (req: Request) => Response | Promise<Response>, config: Config) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once("error", reject);
  });
}
