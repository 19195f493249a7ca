import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { Logger } from "../log.ts";
import { type LinkedAccount, linkedDmEmbed, linkedReplyContent } from "./messages.ts";

const DMS_CLOSED = 50007;
const MAX_CACHED_DM_CHANNELS = 10_000;

export interface LinkedNotice {
  discordId: string;
  interactionToken: string;
  account: LinkedAccount;
}

export interface Notifier {
  /** Queues the DM and the /link reply edit and returns at once; pages never wait on Discord. */
  notifyLinked(notice: LinkedNotice): void;
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

  async function sendDm(notice: LinkedNotice): Promise<boolean> {
    try {
      const channelId = await openDmChannel(notice.discordId);
      await deps.rest.post(Routes.channelMessages(channelId), {
        body: { embeds: [linkedDmEmbed(notice.account)] },
      });
      return true;
    } catch (err) {
      if (!(err instanceof DiscordAPIError && err.code === DMS_CLOSED)) {
        deps.log.warn({ err, discordId: notice.discordId }, "could not send the link DM");
      }
      return false;
    }
  }

  async function deliver(notice: LinkedNotice): Promise<void> {
    const dmSent = await sendDm(notice);
    try {
      await deps.interactionRest.patch(
        Routes.webhookMessage(deps.applicationId, notice.interactionToken),
        {
          body: { content: linkedReplyContent(notice.account, dmSent), components: [] },
          auth: false,
        },
      );
    } catch (err) {
      // The reply is ephemeral and its token lives 15 minutes; a late link simply has no reply to edit.
      deps.log.info({ err, discordId: notice.discordId }, "could not edit the /link reply");
    }
  }

  return {
    notifyLinked(notice) {
      const task = deliver(notice).finally(() => pending.delete(task));
      pending.add(task);
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
