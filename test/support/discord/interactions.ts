import {
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionDataResolved,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  InteractionType,
  Locale,
  type Permissions,
} from "discord-api-types/v10";
import {
  ALL_PERMISSIONS,
  buildDmChannel,
  buildMember,
  EVERYONE_PERMISSIONS,
  type GuildWorld,
} from "./fixtures.ts";
import { generateInteractionToken, generateSnowflake } from "./snowflakes.ts";
import { createInteractionRecord, type InteractionRecord, type StandInState } from "./state.ts";

import type { CommandOption, SendCommandInput } from "./types.ts";

/** A chat-input command as Discord dispatches it over the gateway, plus the stand-in's record. */
export function createCommandInteraction(
  state: StandInState,
  cmd: SendCommandInput,
  resolveReply: InteractionRecord["resolveReply"],
): { payload: APIChatInputApplicationCommandInteraction; record: InteractionRecord } {
  const user = requireUser(state, cmd.userId);
  const guildId = cmd.guildId === undefined ? state.guild.id : cmd.guildId;
  const guild = guildId === null ? state.guild : state.guilds.get(guildId);
  if (!guild) {
    throw new Error(`discord stand-in: the bot is not in guild ${guildId}; call addGuild first`);
  }
  const id = generateSnowflake();
  const token = generateInteractionToken(id);
  const owners = { [ApplicationIntegrationType.GuildInstall]: guildId ?? "0" };
  const command = findRegisteredCommand(state, cmd.name, guildId);
  const channel = guildId ? guild.textChannel : openDmChannel(state, user);
  const options = (cmd.options ?? []).map(toInteractionOption);
  const resolved = resolveOptions(state, cmd.options ?? [], guildId ? guild : null);

  const common = {
    id,
    application_id: state.config.applicationId,
    type: InteractionType.ApplicationCommand as const,
    data: {
      id: command?.id ?? generateSnowflake(),
      name: cmd.name,
      type: ApplicationCommandType.ChatInput as const,
      ...(options.length > 0 ? { options } : {}),
      ...(resolved ? { resolved } : {}),
      ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    },
    token,
    version: 1 as const,
    app_permissions: ALL_PERMISSIONS as Permissions,
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: owners,
    attachment_size_limit: 10 * 1024 * 1024,
  };
  const payload: APIChatInputApplicationCommandInteraction = guildId
    ? {
        ...common,
        guild_id: guildId,
        guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
        guild_locale: Locale.EnglishUS,
        channel_id: channel.id,
        channel: guild.textChannel,
        member: {
          ...buildMember(user, guild.createdAt, guild.members.get(user.id)),
          permissions: cmd.memberPermissions ?? EVERYONE_PERMISSIONS,
        },
        context: InteractionContextType.Guild,
      }
    : {
        ...common,
        channel_id: channel.id,
        channel: openDmChannel(state, user),
        user,
        context: InteractionContextType.BotDM,
      };

  const record = createInteractionRecord({
    id,
    token,
    channelId: channel.id,
    metadata: {
      id,
      type: InteractionType.ApplicationCommand,
      user,
      authorizing_integration_owners: owners,
    },
    resolveReply,
  });
  return { payload, record };
}

export function requireUser(state: StandInState, userId: string): APIUser {
  const user = state.users.get(userId);
  if (!user) throw new Error(`discord stand-in: unknown user ${userId}; call addUser first`);
  return user;
}

function findRegisteredCommand(state: StandInState, name: string, guildId: string | null) {
  const scopes = guildId ? [guildId, "global"] : ["global"];
  for (const scope of scopes) {
    const commands = (state.commands.get(scope) ?? []) as Array<{
      id: string;
      name: string;
      guild_id?: string;
    }>;
    const command = commands.find((c) => c.name === name);
    if (command) return command;
  }
  return undefined;
}

/** The same DM channel POST /users/@me/channels hands out, without counting as a creation. */
export function openDmChannel(state: StandInState, user: APIUser) {
  let channel = state.dmChannels.get(user.id);
  if (!channel) {
    channel = buildDmChannel(generateSnowflake(), user);
    state.dmChannels.set(user.id, channel);
  }
  return channel;
}

function toInteractionOption(option: CommandOption): APIApplicationCommandInteractionDataOption {
  if (option.options) {
    return {
      name: option.name,
      type: option.type,
      options: option.options.map(toInteractionOption),
    } as APIApplicationCommandInteractionDataOption;
  }
  return {
    name: option.name,
    type: option.type,
    value: option.value,
  } as APIApplicationCommandInteractionDataOption;
}

const flatten = (options: CommandOption[]): CommandOption[] =>
  options.flatMap((option) => [option, ...flatten(option.options ?? [])]);

/** USER options come with the user (and, in a guild, the member), CHANNEL options with the channel, in data.resolved. */
function resolveOptions(
  state: StandInState,
  options: CommandOption[],
  guild: GuildWorld | null,
): APIInteractionDataResolved | undefined {
  const all = flatten(options);
  const userOptions = all.filter((option) => option.type === ApplicationCommandOptionType.User);
  const channelOptions = all.filter((option) => option.type === ApplicationCommandOptionType.Channel);
  const roles = guild ? resolveRoles(guild, all) : undefined;
  if (userOptions.length === 0 && channelOptions.length === 0) return roles && { roles };
  const resolved: Required<Pick<APIInteractionDataResolved, "users" | "members">> = {
    users: {},
    members: {},
  };
  for (const option of userOptions) {
    const user = requireUser(state, String(option.value));
    resolved.users[user.id] = user;
    // Discord resolves a member only for users who are in the guild.
    const memberRoles = (guild ?? state.guild).members.get(user.id);
    if (!memberRoles) continue;
    const {
      user: _user,
      deaf: _deaf,
      mute: _mute,
      ...member
    } = buildMember(user, state.guild.createdAt, memberRoles);
    resolved.members[user.id] = { ...member, permissions: EVERYONE_PERMISSIONS };
  }
  const channels = resolveChannels(state, channelOptions);
  if (!guild) return { users: resolved.users };
  return {
    ...(userOptions.length > 0 ? resolved : {}),
    ...(channels ? { channels } : {}),
    ...(roles ? { roles } : {}),
  };
}

/** ROLE options come with the role, as the guild has it now. */
function resolveRoles(guild: GuildWorld, options: CommandOption[]): APIInteractionDataResolved["roles"] {
  const picked = options.filter((option) => option.type === ApplicationCommandOptionType.Role);
  if (picked.length === 0) return undefined;
  const roles: NonNullable<APIInteractionDataResolved["roles"]> = {};
  for (const option of picked) {
    const role = guild.roles.find((r) => r.id === String(option.value));
    if (!role) throw new Error(`discord stand-in: unknown role ${String(option.value)}`);
    roles[role.id] = role;
  }
  return roles;
}

function resolveChannels(state: StandInState, options: CommandOption[]) {
  if (options.length === 0) return undefined;
  const known = [state.guild.textChannel, state.guild.readOnlyChannel];
  const channels: NonNullable<APIInteractionDataResolved["channels"]> = {};
  for (const option of options) {
    const channel = known.find((c) => c.id === String(option.value));
    if (!channel) throw new Error(`discord stand-in: unknown channel ${String(option.value)}`);
    channels[channel.id] = {
      id: channel.id,
      name: channel.name,
      type: channel.type,
      permissions: EVERYONE_PERMISSIONS as Permissions,
    } as NonNullable<APIInteractionDataResolved["channels"]>[string];
  }
  return channels;
}
