import { type APIEmbed, DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from "discord.js";
import type { Logger } from "../log.ts";
import { createMemberCache } from "./member-cache.ts";

/** What a post to a channel came to; anything but "posted" is the server's setup, not an outage. */
export type PostOutcome = "posted" | "missing_permissions" | "missing_access" | "unknown_channel";

export interface OutgoingMessage {
  content?: string;
  embeds?: APIEmbed[];
}

/** The Discord REST calls the moderator tools need, behind the bot's rate-limited REST client. */
export interface DiscordDirectory {
  /** Whether the user is a member of the server now (answers are kept for a minute). */
  isGuildMember(guildId: string, userId: string): Promise<boolean>;
  postChannelMessage(channelId: string, message: OutgoingMessage): Promise<PostOutcome>;
  /** False when the member does not accept DMs from the bot. */
  sendDirectMessage(userId: string, message: OutgoingMessage): Promise<boolean>;
}

const POST_REFUSALS: Partial<Record<number, PostOutcome>> = {
  [RESTJSONErrorCodes.MissingPermissions]: "missing_permissions",
  [RESTJSONErrorCodes.MissingAccess]: "missing_access",
  [RESTJSONErrorCodes.UnknownChannel]: "unknown_channel",
};

const NOT_A_MEMBER = new Set<number>([RESTJSONErrorCodes.UnknownMember, RESTJSONErrorCodes.UnknownUser]);

export function createDiscordDirectory(deps: { rest: REST; log: Logger }): DiscordDirectory {
  const members = createMemberCache(60_000);
  const codeOf = (err: unknown) => (err instanceof DiscordAPIError ? Number(err.code) : undefined);

  async function fetchMembership(guildId: string, userId: string): Promise<boolean> {
    try {
      await deps.rest.get(Routes.guildMember(guildId, userId));
      return true;
    } catch (err) {
      if (NOT_A_MEMBER.has(codeOf(err) ?? -1)) return false;
      throw err;
    }
  }

  return {
    isGuildMember: (guildId, userId) =>
      members.remember(`${guildId}:${userId}`, () => fetchMembership(guildId, userId)),

    async postChannelMessage(channelId, message) {
      try {
        await deps.rest.post(Routes.channelMessages(channelId), {
          body: { ...message, allowed_mentions: { parse: [] } },
        });
        return "posted";
      } catch (err) {
        const refused = POST_REFUSALS[codeOf(err) ?? -1];
        if (refused) return refused;
        throw err;
      }
    },

    async sendDirectMessage(userId, message) {
      try {
        const channel = (await deps.rest.post(Routes.userChannels(), {
          body: { recipient_id: userId },
        })) as { id: string };
        await deps.rest.post(Routes.channelMessages(channel.id), { body: message });
        return true;
      } catch (err) {
        if (codeOf(err) !== RESTJSONErrorCodes.CannotSendMessagesToThisUser)
          deps.log.warn({ err, discordId: userId }, "could not send a DM");
        return false;
      }
    },
  };
}
