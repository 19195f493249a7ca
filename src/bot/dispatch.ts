import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
} from "discord.js";
import { toAppError } from "../errors/index.ts";
import type { LinkingDeps } from "../linking/index.ts";
import type { ButtonHandler, Command } from "./command.ts";

type Handled = ChatInputCommandInteraction | ButtonInteraction;

/**
 * The single `interactionCreate` handler: finds the command or button, runs it, and turns any
 * failure into one ephemeral reply whose text is safe to show.
 */
export function createInteractionHandler(
  commands: readonly Command[],
  buttons: readonly ButtonHandler[],
  deps: LinkingDeps,
) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  return async (interaction: Interaction): Promise<void> => {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (command) return run(interaction, command.data.name, () => command.execute(interaction, deps));
      deps.log.warn({ command: interaction.commandName }, "unknown command; run npm run deploy-commands");
    } else if (interaction.isButton()) {
      const button = buttons.find((b) => interaction.customId.startsWith(b.customIdPrefix));
      if (button) return run(interaction, button.customIdPrefix, () => button.execute(interaction, deps));
    }
  };

  async function run(interaction: Handled, name: string, execute: () => Promise<void>): Promise<void> {
    // Which shard (so which process) took it: with several gateway processes, where to look.
    deps.log.debug(
      { command: name, guildId: interaction.guildId, shard: interaction.guild?.shardId },
      "interaction received",
    );
    try {
      await execute();
    } catch (err) {
      const error = toAppError(err);
      if (error.status >= 500) deps.log.error({ err, command: name }, "command failed");
      const content = `**${error.title}.** ${error.message} ${error.next}`;

      try {
        if (interaction.replied || interaction.deferred)
          await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
        else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
      } catch (replyErr) {
        deps.log.warn({ err: replyErr }, "could not send the error reply");
      }
    }
  }
}
