import type { Config } from "../config.ts";
import type { DiscordDirectory } from "../discord/directory.ts";
import type { GuildRoles } from "../discord/guild-roles.ts";
import type { GitHubClient } from "../github/index.ts";
import type { Logger } from "../log.ts";
import type { Storage } from "../storage/index.ts";
import type { Notifier } from "./outbox/notifier.ts";
import type { RoleQueue } from "./roles/role-queue.ts";

/** Everything the linking functions reach; built once in src/start.ts (`startOctolink`). */
export interface LinkingDeps {
  config: Config;
  storage: Storage;
  github: GitHubClient;
  notifier: Notifier;
  discord: DiscordDirectory;
  guildRoles: GuildRoles;
  roleQueue: RoleQueue;
  log: Logger;
}
