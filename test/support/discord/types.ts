import type {
  APIInteractionResponseCallbackData,
  APIMessage,
  RESTPutAPIApplicationCommandsResult,
} from "discord-api-types/v10";
import type { NewRole } from "./guild-roles.ts";
import type { RoleConnectionMetadataRecord, RoleConnectionRecord } from "./role-connection-routes.ts";

export interface DiscordStandInOptions {
  port?: number;
  botToken?: string;
  applicationId?: string;
  guildId?: string;
  /** Requests per second per bot token, as Discord's global limit (default 50). */
  globalRateLimitPerSecond?: number;
  /** Per-route bucket for routes with a major parameter (channel, guild, webhook, interaction). */
  routeRateLimit?: { limit: number; windowMs: number };
  /** How long after the dispatch the initial callback is accepted (Discord: 3 s). */
  interactionReplyWindowMs?: number;
  /** How long an interaction token works on the webhook routes (Discord: 15 minutes). */
  interactionTokenLifetimeMs?: number;
  /** OAuth2 client secret of the application (default "discord-client-secret"). */
  clientSecret?: string;
  /** Privileged intents enabled for the bot in the developer portal (default none). */
  privilegedIntents?: number;
}

export interface StandInUser {
  id: string;
  username: string;
  global_name?: string | null;
  avatar?: string | null;
  /** Whether the user is a member of the stand-in's guild (default true). */
  inGuild?: boolean;
}

export interface CommandOption {
  name: string;
  type: number;
  /** Absent on a subcommand (type 1), which has `options` instead. */
  value?: string | number | boolean;
  options?: CommandOption[];
}

export interface SendCommandInput {
  name: string;
  userId: string;
  /** null = the bot's DM with the user; default: the stand-in's guild. */
  guildId?: string | null;
  /** The member's permissions in the channel, as a bit set (default: what @everyone may do). */
  memberPermissions?: string;
  options?: CommandOption[];
}

/** A callback's message, as Discord's API types describe it (the stand-in checks it first). */
export type InteractionCallbackData = APIInteractionResponseCallbackData;

/** The body of an interaction callback, as the bot sent it. */
export interface InteractionCallbackRecord {
  type: number;
  data?: InteractionCallbackData;
}

export interface ClickButtonInput {
  userId: string;
  /** A DM the stand-in recorded (e.g. from dmsTo); its current version is what gets clicked. */
  message: MessageRecord;
  customId: string;
}

/** An interaction dispatched to the bot: a command or a button click. */
export interface SentInteraction {
  id: string;
  token: string;
  /** Rejects when the reply window passes without an accepted callback. */
  reply: Promise<InteractionCallbackRecord>;
  receivedAt: number;
}

/**
 * performance.now() in the stand-in's process: when INTERACTION_CREATE was handed to the
 * gateway socket, and when the bot's callback for it was accepted.
 */
export interface InteractionTiming {
  dispatchedAt?: number;
  answeredAt?: number;
}

export type SentCommand = SentInteraction;

export type MessageRecord = APIMessage;

export interface RequestRecord {
  method: string;
  route: string;
  status: number;
  at: number;
}

/** A role change the bot asked for, as the stand-in answered it. */
export interface RoleChangeRecord {
  method: "PUT" | "DELETE";
  guildId: string;
  userId: string;
  roleId: string;
  /** X-Audit-Log-Reason, decoded; null when the bot sent none. */
  reason: string | null;
  status: number;
}

export interface IdentifyRecord {
  intents: number;
  token: string;
  /** [shard_id, num_shards] as identified ([0, 1] when the client sent none). */
  shard: [number, number];
}

export interface DiscordStandIn {
  /** e.g. http://127.0.0.1:PORT/api — without the version, as discord.js's `rest.api`. */
  apiUrl: string;
  botToken: string;
  applicationId: string;
  guildId: string;
  clientSecret: string;
  close(): Promise<void>;
  addUser(user: StandInUser): void;
  /** The member leaves the guild (default: the first): GET /guilds/{guild}/members/{user} answers 10007 from now on. */
  leaveGuild(userId: string, guildId?: string): void;
  /** The user joins a guild (default: the first), without roles. */
  joinGuild(userId: string, guildId?: string): void;
  /** A role in a guild (default: the first), below the bot's own unless `position` says otherwise; returns its id. */
  addRole(role: NewRole, guildId?: string): string;
  /** A moderator edits a role (moves it, say). */
  updateRole(roleId: string, patch: Partial<NewRole>, guildId?: string): void;
  /** A person (not the bot) gives the member a role: no request, nothing recorded in roleChanges. */
  giveRole(userId: string, roleId: string, guildId?: string): void;
  /** The member's role ids in a guild (default: the first); undefined when not a member. */
  memberRoles(userId: string, guildId?: string): string[] | undefined;
  /** Every PUT/DELETE of a member's role the bot made, oldest first. */
  roleChanges(): RoleChangeRecord[];
  /** The id of the bot's own (managed) role in a guild. */
  botRoleId(guildId?: string): string;
  /** The guild's channel where the bot may not send messages (posts get 50013). */
  readOnlyChannelId: string;
  textChannelId: string;
  /** Messages the bot posted in a guild channel. */
  channelMessages(channelId: string): MessageRecord[];
  sendCommand(cmd: SendCommandInput): Promise<SentCommand>;
  /** The loopback timing of one interaction (the benchmark's /link handling time). */
  interactionTiming(interactionToken: string): InteractionTiming | undefined;
  /**
   * Clicks a button on a DM from the bot, as the user; throws if the message (as it is now) has
   * no enabled button with that custom_id. UPDATE_MESSAGE and @original edit that DM.
   */
  clickButton(input: ClickButtonInput): Promise<SentInteraction>;
  originalMessage(interactionToken: string): MessageRecord | undefined;
  edits(interactionToken: string): MessageRecord[];
  followUps(interactionToken: string): MessageRecord[];
  dmsTo(userId: string): MessageRecord[];
  dmChannelCreations(userId: string): number;
  closeDms(userId: string): void;
  /** The next `times` posts to the channel answer 500, as Discord does in an outage. */
  failChannelPosts(channelId: string, times: number): void;
  injectRateLimit(opts: { retryAfterMs: number; global?: boolean; times?: number }): void;
  registeredCommands(scope: "global" | string): RESTPutAPIApplicationCommandsResult;
  identifyPayloads(): IdentifyRecord[];
  /**
   * Puts the bot in another guild (a new id, or `id`); sessions identifying afterwards get it
   * when their shard owns it, and commands may be sent from it.
   */
  addGuild(id?: string): string;
  resumes(): number;
  /** Sends op 7 RECONNECT to every open gateway connection; clients resume their sessions. */
  reconnectGateway(): void;
  readonly requests: ReadonlyArray<RequestRecord>;
  rateLimited(): number;
  waitFor<T>(fn: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  signIn(userId: string): void;
  /** Every OAuth2 access token issued to the user ("sign in with Discord"), oldest first. */
  oauthTokensOf(userId: string): Array<{ scopes: string[]; active: boolean }>;
  /** The user removes the app under User Settings → Authorized Apps: all their tokens die. */
  deauthorizeApp(userId: string): void;
  /** The user's access tokens expire now; their refresh tokens still work. */
  expireOAuthTokens(userId: string): void;
  /** The application's Linked Roles metadata, as last registered. */
  roleConnectionMetadata(): RoleConnectionMetadataRecord[];
  /** The user's role connection with the application, as Discord keeps it. */
  roleConnectionOf(userId: string): RoleConnectionRecord | undefined;
  /** Every role-connection PUT for the user that changed something, oldest first. */
  roleConnectionPuts(userId: string): RoleConnectionRecord[];
  /** Whether the user meets a role's requirement on one metadata key, as Discord decides it. */
  meetsRequirement(userId: string, requirement: { key: string; value: number }): boolean;
}
