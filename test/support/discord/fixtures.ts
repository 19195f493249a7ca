import {
  type APIDMChannel,
  type APIGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  OverwriteType,
  type RoleFlags,
  type UserFlags,
} from "discord-api-types/v10";
import { buildBotRole } from "./guild-roles.ts";
import { generateSnowflake } from "./snowflakes.ts";
import type { StandInUser } from "./types.ts";

// Every permission bit Discord defines today; the bot is treated as an administrator-like
// member so permission checks in the product never fail for reasons the tests don't control.
export const ALL_PERMISSIONS = "2251799813685247";
// What @everyone may do in a fresh guild (view, send, read history, use slash commands, ...).
export const EVERYONE_PERMISSIONS = "2222085186637376";

export interface GuildWorld {
  id: string;
  name: string;
  ownerId: string;
  createdAt: string;
  textChannel: APITextChannel;
  /** A channel where @everyone (and so the bot) may not send messages: posts there get 50013. */
  readOnlyChannel: APITextChannel;
  everyoneRole: APIRole;
  /** Every role, @everyone and the bot's own included. */
  roles: APIRole[];
  /** The guild's members (the bot included) and the ids of the roles each has (@everyone implied). */
  members: Map<string, string[]>;
}

// Discord's SEND_MESSAGES permission bit.
export const SEND_MESSAGES = 1n << 11n;

function buildTextChannel(guildId: string, name: string, position: number): APITextChannel {
  return {
    id: generateSnowflake(),
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    permission_overwrites: [],
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    last_pin_timestamp: null,
    flags: 0 as ChannelFlags,
  };
}

export function buildUser(user: StandInUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: "0",
    global_name: user.global_name ?? null,
    avatar: user.avatar ?? null,
    bot: false,
    banner: null,
    accent_color: null,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function buildBotUser(applicationId: string): APIUser {
  return {
    ...buildUser({ id: applicationId, username: "octolink-stand-in" }),
    bot: true,
    verified: true,
    mfa_enabled: false,
    email: null,
  };
}

export function buildGuildWorld(guildId: string, botUserId: string): GuildWorld {
  const everyoneRole = buildEveryoneRole(guildId);
  const botRole = buildBotRole(botUserId);
  return {
    id: guildId,
    name: "Stand-in Guild",
    ownerId: generateSnowflake(),
    createdAt: new Date().toISOString(),
    textChannel: buildTextChannel(guildId, "general", 0),
    readOnlyChannel: {
      ...buildTextChannel(guildId, "announcements", 1),
      permission_overwrites: [
        { id: guildId, type: OverwriteType.Role, allow: "0", deny: String(SEND_MESSAGES) },
      ],
    },
    everyoneRole,
    roles: [everyoneRole, botRole],
    members: new Map([[botUserId, [botRole.id]]]),
  };
}

function buildEveryoneRole(guildId: string): APIRole {
  return {
    id: guildId,
    name: "@everyone",
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: EVERYONE_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function buildMember(user: APIUser, joinedAt: string, roles: string[] = []): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [...roles],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function buildGuildCreate(
  world: GuildWorld,
  botUser: APIUser,
  memberCount: number,
): GatewayGuildCreateDispatchData {
  return {
    id: world.id,
    name: world.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: world.ownerId,
    region: "",
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: world.roles,
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: world.textChannel.id,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: world.createdAt,
    large: false,
    unavailable: false,
    member_count: memberCount,
    voice_states: [],
    // Discord always includes the bot's own member, which is what guild.members.me reads.
    members: [buildMember(botUser, world.createdAt, world.members.get(botUser.id))],
    channels: [world.textChannel, world.readOnlyChannel],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function buildDmChannel(channelId: string, recipient: APIUser): APIDMChannel {
  return {
    id: channelId,
    type: ChannelType.DM,
    name: null,
    last_message_id: null,
    last_pin_timestamp: null,
    flags: 0 as ChannelFlags,
    recipients: [recipient],
  };
}
