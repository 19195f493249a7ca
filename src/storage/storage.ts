import type { Connection } from "mongoose";
import { type AuditEventModel, defineAuditEventModel } from "./models/audit-event.ts";
import { type BrowserStateModel, defineBrowserStateModel } from "./models/browser-state.ts";
import { defineDiscordTokenModel, type DiscordTokenModel } from "./models/discord-token.ts";
import { defineGuildSettingsModel, type GuildSettingsModel } from "./models/guild-settings.ts";
import { defineLinkStateModel, type LinkStateModel } from "./models/link-state.ts";
import { defineLinkModel, type LinkModel } from "./models/link.ts";
import { defineOutboxJobModel, type OutboxJobModel } from "./models/outbox-job.ts";
import { definePendingLinkModel, type PendingLinkModel } from "./models/pending-link.ts";
import { defineRateCounterModel, type RateCounterModel } from "./models/rate-counter.ts";
import { defineRoleGrantModel, type RoleGrantModel } from "./models/role-grant.ts";
import { defineRoleRuleModel, type RoleRuleModel } from "./models/role-rule.ts";
import { defineScheduleModel, type ScheduleModel } from "./models/schedule.ts";
import { defineWebhookDeliveryModel, type WebhookDeliveryModel } from "./models/webhook-delivery.ts";

/** What the storage functions need; created once per connection by the composition root. */
export interface Storage {
  connection: Connection;
  links: LinkModel;
  linkStates: LinkStateModel;
  pendingLinks: PendingLinkModel;
  browserStates: BrowserStateModel;
  webhookDeliveries: WebhookDeliveryModel;
  auditEvents: AuditEventModel;
  guildSettings: GuildSettingsModel;
  outbox: OutboxJobModel;
  rateCounters: RateCounterModel;
  discordTokens: DiscordTokenModel;
  roleRules: RoleRuleModel;
  roleGrants: RoleGrantModel;
  schedules: ScheduleModel;
}

export async function createStorage(
  connection: Connection,
  opts: { allowSharedGithub: boolean; auditRetentionDays?: number },
): Promise<Storage> {
  const models = {
    links: defineLinkModel(connection, { uniqueGithub: !opts.allowSharedGithub }),
    linkStates: defineLinkStateModel(connection),
    pendingLinks: definePendingLinkModel(connection),
    browserStates: defineBrowserStateModel(connection),
    webhookDeliveries: defineWebhookDeliveryModel(connection),
    auditEvents: defineAuditEventModel(connection, { retentionDays: opts.auditRetentionDays ?? 365 }),
    guildSettings: defineGuildSettingsModel(connection),
    outbox: defineOutboxJobModel(connection),
    rateCounters: defineRateCounterModel(connection),
    discordTokens: defineDiscordTokenModel(connection),
    roleRules: defineRoleRuleModel(connection),
    roleGrants: defineRoleGrantModel(connection),
    schedules: defineScheduleModel(connection),
  };
  // syncIndexes, not just init, so flipping ALLOW_SHARED_GITHUB adds or drops the unique index
  // and a new AUDIT_RETENTION_DAYS replaces the TTL index.
  await Promise.all(Object.values(models).map((model) => model.syncIndexes()));
  return { connection, ...models };
}

/** A live ping rather than the driver's connection state, which notices an outage only at its next heartbeat. */
export async function isStorageReady(storage: Storage, timeoutMs = 1_000): Promise<boolean> {
  const db = storage.connection.db;
  if (storage.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db.command({ ping: 1 }).then(
    () => true,
    () => false,
  );
  return Promise.race([ping, timeout]).finally(() => clearTimeout(timer));
}
