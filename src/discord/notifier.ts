import { type APIEmbed, DiscordAPIError, type REST, Routes } from "discord.js";
import type { Logger } from "../log.ts";

const DMS_CLOSED = 50007;
const MAX_CACHED_DM_CHANNELS = 10_000;

/** How a DM ended: sent, or refused for good (DMs closed, unknown user...); anything else throws to be retried. */
export type DmResult = "sent" | "refused";

/** The Discord side of the outbox's messages; the outbox worker decides when and how often. */
export interface DiscordDelivery {
  sendDm(discordId: string, embed: APIEmbed, components?: unknown[]): Promise<DmResult>;
  /** Edits a /link reply; false when the reply is gone (its token lives 15 minutes). */
  editReply(interactionToken: string, body: { content: string; components: unknown[] }): Promise<boolean>;
}

export interface DeliveryDeps {
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

/** A 4xx other than 429 will answer the same next time: retrying it only spends the budget. */
const isFinal = (err: unknown) =>
  err instanceof DiscordAPIError && err.status >= 400 && err.status < 500 && err.status !== 429;

/**
 * Goes through discord.js's REST clients, which queue per route and wait out 429s and the
 * global 50 requests a second, so a burst of links is delayed, never dropped.
 */
export function createDiscordDelivery(deps: DeliveryDeps): DiscordDelivery {
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

  return {
    async sendDm(discordId, embed, components = []) {
      try {
        const channelId = await openDmChannel(discordId);
        await deps.rest.post(Routes.channelMessages(channelId), { body: { embeds: [embed], components } });
        return "sent";
      } catch (err) {
        if (!isFinal(err)) throw err;
        if ((err as DiscordAPIError).code !== DMS_CLOSED) {
          deps.log.warn({ err, discordId, dm: embed.title }, "could not send a DM");
        }
        return "refused";
      }
    },
    async editReply(interactionToken, body) {
      try {
        await deps.interactionRest.patch(Routes.webhookMessage(deps.applicationId, interactionToken), {
          body,
          auth: false,
        });
        return true;
      } catch (err) {
        if (!isFinal(err)) throw err;
        // The reply is ephemeral and its token lives 15 minutes; a late link simply has no reply to edit.
        deps.log.info({ err }, "could not edit the /link reply");
        return false;
      }
    },
  };
}
