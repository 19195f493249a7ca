import { ApplicationCommandOptionType } from "discord-api-types/v10";
import type { CommandOption } from "./discord/index.ts";
import type { Harness } from "./harness.ts";
import { settledReply } from "./members.ts";

// Discord's MANAGE_GUILD permission bit together with what @everyone may do.
export const MODERATOR_PERMISSIONS = String(2222085186637376n | (1n << 5n));

export const userOption = (name: string, userId: string): CommandOption => ({
  name,
  type: ApplicationCommandOptionType.User,
  value: userId,
});
export const stringOption = (name: string, value: string): CommandOption => ({
  name,
  type: ApplicationCommandOptionType.String,
  value,
});
export const integerOption = (name: string, value: number): CommandOption => ({
  name,
  type: ApplicationCommandOptionType.Integer,
  value,
});
export const channelOption = (name: string, channelId: string): CommandOption => ({
  name,
  type: ApplicationCommandOptionType.Channel,
  value: channelId,
});
export const subcommand = (name: string, options: CommandOption[] = []): CommandOption => ({
  name,
  type: ApplicationCommandOptionType.Subcommand,
  options,
});

export interface ShownMessage {
  content: string;
  embeds: Array<{
    title?: string;
    description?: string;
    fields?: Array<{ name: string; value: string }>;
    footer?: { text: string };
  }>;
}

/**
 * Runs a slash command in the stand-in's guild (or a DM with `guildId: null`) and returns the
 * message the member ends up seeing: the reply, or a deferred reply's edit.
 */
export async function runCommand(
  h: Harness,
  input: {
    name: string;
    userId: string;
    options?: CommandOption[];
    guildId?: string | null;
    memberPermissions?: string;
  },
): Promise<ShownMessage> {
  const command = await h.discord.sendCommand({ guildId: h.discord.guildId, ...input });
  const message = await settledReply(h, command);
  return { content: message.content ?? "", embeds: (message.embeds ?? []) as ShownMessage["embeds"] };
}

export const roleOption = (name: string, roleId: string): CommandOption => ({
  name,
  type: ApplicationCommandOptionType.Role,
  value: roleId,
});

// Discord's MANAGE_ROLES permission bit together with what @everyone may do.
export const ROLE_MANAGER_PERMISSIONS = String(2222085186637376n | (1n << 28n));
