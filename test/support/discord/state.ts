import type { APIDMChannel, APIMessageInteractionMetadata, APIUser } from "discord-api-types/v10";
import { buildBotUser, buildGuildWorld, type GuildWorld } from "./fixtures.ts";
import type { RoleConnectionMetadataRecord, RoleConnectionRecord } from "./role-connection-routes.ts";
import type {
  IdentifyRecord,
  InteractionCallbackRecord,
  InteractionTiming,
  MessageRecord,
  RequestRecord,
  RoleChangeRecord,
} from "./types.ts";

export interface StandInConfig {
  applicationId: string;
  botToken: string;
  clientSecret: string;
  replyWindowMs: number;
  tokenLifetimeMs: number;
  privilegedIntents: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  channelId: string;
  /** Stamped on the reply and follow-ups as interaction_metadata. */
  metadata: APIMessageInteractionMetadata;
  /** A component interaction's message: UPDATE_MESSAGE and @original edit it in its channel. */
  sourceMessageId?: string;
  dispatchedAt: number;
  /** performance.now() readings for the benchmark: INTERACTION_CREATE sent, callback accepted. */
  timing: InteractionTiming;
  /** The callback Discord accepted; a second one is refused with 40060. */
  callback?: InteractionCallbackRecord;
  original?: MessageRecord;
  edits: MessageRecord[];
  followUps: MessageRecord[];
  resolveReply(callback: InteractionCallbackRecord): void;
}

/** What each kind of interaction decides; the rest of its record starts the same for all. */
export type NewInteraction = Pick<
  InteractionRecord,
  "id" | "token" | "channelId" | "metadata" | "sourceMessageId" | "resolveReply"
>;

export const createInteractionRecord = (fields: NewInteraction): InteractionRecord => ({
  ...fields,
  dispatchedAt: Date.now(),
  timing: {},
  edits: [],
  followUps: [],
});

/** Everything the REST routes, the gateway and the test-facing API share. */

export interface StandInState {
  config: StandInConfig;
  botUser: APIUser;
  /** The guild the tests use unless they add more (addGuild); all of them are in `guilds`. */
  guild: GuildWorld;
  guilds: Map<string, GuildWorld>;
  users: Map<string, APIUser>;
  /** Role changes the bot made (PUT/DELETE on a member's role), with their audit-log reason. */
  roleChanges: RoleChangeRecord[];
  interactionsByToken: Map<string, InteractionRecord>;
  interactionsById: Map<string, InteractionRecord>;
  /** DM channel per user id; Discord returns the same channel every time. */
  dmChannels: Map<string, APIDMChannel>;
  dmChannelCreations: Map<string, number>;
  messagesByChannel: Map<string, MessageRecord[]>;
  closedDms: Set<string>;
  /** Channel id → how many more posts there answer 500 (a Discord outage on that route). */
  failingChannels: Map<string, number>;
  commands: Map<string, unknown[]>;
  identifies: IdentifyRecord[];
  resumes: number;
  requests: RequestRecord[];
  rateLimitedCount: number;
  signedInUserId: string | undefined;
  /** The application's Linked Roles metadata (PUT replaces it). */
  roleConnectionMetadata: RoleConnectionMetadataRecord[];
  /** Each user's role connection with the application, as last stored. */
  roleConnections: Map<string, RoleConnectionRecord>;
  /** Every role-connection PUT that changed something, oldest first. */
  roleConnectionPuts: Array<{ userId: string; record: RoleConnectionRecord }>;
}

export function createStandInState(config: StandInConfig, guildId: string): StandInState {
  const botUser = buildBotUser(config.applicationId);
  const guild = buildGuildWorld(guildId, botUser.id);
  return {
    config,
    botUser,
    guild,
    guilds: new Map([[guild.id, guild]]),
    users: new Map([[botUser.id, botUser]]),
    roleChanges: [],
    interactionsByToken: new Map(),
    interactionsById: new Map(),
    dmChannels: new Map(),
    dmChannelCreations: new Map(),
    messagesByChannel: new Map(),
    closedDms: new Set(),
    failingChannels: new Map(),
    commands: new Map(),
    identifies: [],
    resumes: 0,
    requests: [],
    rateLimitedCount: 0,
    signedInUserId: undefined,
    roleConnectionMetadata: [],
    roleConnections: new Map(),
    roleConnectionPuts: [],
  };
}

export function recordMessage(state: StandInState, message: MessageRecord): void {
  const list = state.messagesByChannel.get(message.channel_id) ?? [];
  list.push(message);
  state.messagesByChannel.set(message.channel_id, list);
}

export function findChannelMessage(
  state: StandInState,
  channelId: string,
  messageId: string,
): MessageRecord | undefined {
  return state.messagesByChannel.get(channelId)?.find((message) => message.id === messageId);
}

/** Puts an edited (or, with `edited` undefined, deletes a) channel message in its place. */
export function replaceChannelMessage(
  state: StandInState,
  message: MessageRecord,
  edited: MessageRecord | undefined,
): void {
  const list = state.messagesByChannel.get(message.channel_id) ?? [];
  state.messagesByChannel.set(
    message.channel_id,
    list.flatMap((m) => (m.id !== message.id ? [m] : edited ? [edited] : [])),
  );
}
