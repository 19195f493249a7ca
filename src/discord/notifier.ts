import { type APIEmbed, DiscordAPIError, type REST, Routes } from "discord.js";
import type { GitHubAccount } from "../domain/index.ts";
import type { Logger } from "../log.ts";
import { linkedDmEmbed, linkedReplyContent, relinkNeededDmEmbed, undoButtonRow } from "./messages.ts";

const DMS_CLOSED = 50007;
const MAX_CACHED_DM_CHANNELS = 10_000;

export interface LinkedNotice {
  discordId: string;
  interactionToken: string;
  account: GitHubAccount;
}

export interface RelinkNeededNotice {
  discordId: string;
  githubLogin: string;
}

export interface Notifier {
  /** Queues the DM and the /link reply edit and returns at once; pages never wait on Discord. */
  notifyLinked(notice: LinkedNotice): void;
  /** Queues a DM telling the member GitHub no longer accepts their link and to run /link. */
  notifyRelinkNeeded(notice: RelinkNeededNotice): void;
  /** Resolves when everything queued so far has been sent (or has failed and been logged). */
  drain(): Promise<void>;
}

export interface NotifierDeps {
  /** The bot's REST client (bot token): the DM. */
  rest: REST;
  /**
   * A REST client of its own for the reply edit. Discord does not count interaction-token
   * webhooks against the bot's 50 requests a second, but discord.js's global counter would:
   * sharing one client spent a third of the DM budget on edits.
   */
  interactionRest: REST;
  applicationId: string;
  log: Logger;
}

/**
 * Goes through discord.js's REST clients, which queue per route and wait out 429s and the
 * global 50 requests a second, so a burst of links is delayed, never dropped.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const pending = new Set<Promise<void>>();
  const dmChannels = new Map<string, string>();

  async function openDmChannel(userId: string): Promise<string> {
    const cached = dmChannels.get(userId);
    if (cached) return cached;
    const channel = (await deps.rest.post(Routes.userChannels(), {
      body: { recipient_id: userId },
    })) as { id: string };
    if (dmChannels.size >= MAX_CACHED_DM_CHANNELS)
      dmChannels.delete(dmChannels.keys().next().value as string);
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async function sendDm(discordId: string, embed: APIEmbed, components: unknown[] = []): Promise<boolean> {
    try {
      const channelId = await openDmChannel(discordId);
      await deps.rest.post(Routes.channelMessages(channelId), { body: { embeds: [embed], components } });
      return true;
    } catch (err) {
      if (!(err instanceof DiscordAPIError && err.code === DMS_CLOSED)) {
        deps.log.warn({ err, discordId, dm: embed.title }, "could not send a DM");
      }
      return false;
    }
  }

  async function deliver(notice: LinkedNotice): Promise<void> {
    const dmSent = await sendDm(notice.discordId, linkedDmEmbed(notice.account), [
      undoButtonRow(notice.account.id),
    ]);

    try {
      await deps.interactionRest.patch(Routes.webhookMessage(deps.applicationId, notice.interactionToken), {
        body: { content: linkedReplyContent(notice.account, dmSent), components: [] },
        auth: false,
      });
    } catch (err) {
      // The reply is ephemeral and its token lives 15 minutes; a late link simply has no reply to edit.
      deps.log.info({ err, discordId: notice.discordId }, "could not edit the /link reply");
    }
  }

  function enqueue(send: () => Promise<unknown>): void {
    const task = send()
      .then(() => undefined)
      .finally(() => pending.delete(task));
    pending.add(task);
  }

  return {
    notifyLinked: (notice) => enqueue(() => deliver(notice)),
    notifyRelinkNeeded: (notice) =>
      enqueue(() => sendDm(notice.discordId, relinkNeededDmEmbed(notice.githubLogin))),
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
