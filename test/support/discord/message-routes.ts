import { MessageType } from "discord-api-types/v10";
import {
  cannotMessageUser,
  missingPermissions,
  replyError,
  unknownChannel,
  unknownUser,
} from "./discord-errors.ts";
import { buildDmChannel, SEND_MESSAGES } from "./fixtures.ts";
import { buildMessage, readMessageBody, validateNewMessage } from "./message-builder.ts";
import type { RestReply, RestRequest, RouteDefinition } from "./router.ts";
import { generateSnowflake } from "./snowflakes.ts";
import { recordMessage, type StandInState } from "./state.ts";

// Users, DM channels and channel messages: what the bot needs to DM a member.
export function createMessageRoutes(state: StandInState): RouteDefinition[] {
  return [
    {
      method: "GET",
      pattern: "/users/:userId",
      auth: "bot",
      handle: ({ params }) => {
        const user = state.users.get(params.userId ?? "");
        return user ? { status: 200, body: user } : unknownUser();
      },
    },
    {
      method: "POST",
      pattern: "/users/@me/channels",
      auth: "bot",
      handle: (request) => openDmChannel(state, request),
    },
    {
      method: "GET",
      pattern: "/channels/:channelId",
      auth: "bot",
      majorParameters: ["channelId"],
      handle: ({ params }) => {
        const channel = findChannel(state, params.channelId ?? "");
        return channel ? { status: 200, body: channel.object } : unknownChannel();
      },
    },
    {
      method: "POST",
      pattern: "/channels/:channelId/messages",
      auth: "bot",
      majorParameters: ["channelId"],
      handle: (request) => postChannelMessage(state, request),
    },
  ];
}

function openDmChannel(state: StandInState, request: RestRequest): RestReply {
  const recipientId = readMessageBody(request.body).recipient_id;
  const user = typeof recipientId === "string" ? state.users.get(recipientId) : undefined;
  if (!user) return replyError(400, 50033, "Invalid Recipient(s)");
  state.dmChannelCreations.set(user.id, (state.dmChannelCreations.get(user.id) ?? 0) + 1);
  let channel = state.dmChannels.get(user.id);
  if (!channel) {
    channel = buildDmChannel(generateSnowflake(), user);
    state.dmChannels.set(user.id, channel);
  }
  return { status: 200, body: channel };
}

function postChannelMessage(state: StandInState, request: RestRequest): RestReply {
  const channel = findChannel(state, request.params.channelId ?? "");
  if (!channel) return unknownChannel();
  const failures = state.failingChannels.get(channel.object.id) ?? 0;
  if (failures > 0) {
    state.failingChannels.set(channel.object.id, failures - 1);
    return replyError(500, 0, "500: Internal Server Error");
  }
  // DMs can always be opened, but sending fails once the user closed their DMs.
  if (channel.recipientId && state.closedDms.has(channel.recipientId)) return cannotMessageUser();
  if (!botMaySend(state, channel.object)) return missingPermissions();
  const body = readMessageBody(request.body);
  const invalid = validateNewMessage(body, request.files);
  if (invalid) return invalid;
  const message = buildMessage({
    channelId: channel.object.id,
    author: state.botUser,
    type: MessageType.Default,
    body,
    files: request.files,
  });
  recordMessage(state, message);
  return { status: 200, body: message };
}

/** The bot has only @everyone's permissions, so an overwrite denying @everyone applies to it. */
function botMaySend(state: StandInState, channel: object): boolean {
  const overwrites = "permission_overwrites" in channel ? (channel.permission_overwrites as Overwrite[]) : [];
  const everyone = overwrites.find((o) => o.id === state.guild.id);
  return !everyone || (BigInt(everyone.deny) & SEND_MESSAGES) === 0n;
}

interface Overwrite {
  id: string;
  deny: string;
}

function findChannel(state: StandInState, channelId: string) {
  for (const guild of state.guilds.values()) {
    for (const object of [guild.textChannel, guild.readOnlyChannel]) {
      if (object.id === channelId) return { object, recipientId: undefined };
    }
  }
  for (const [userId, channel] of state.dmChannels) {
    if (channel.id === channelId) return { object: channel, recipientId: userId };
  }
  return undefined;
}
