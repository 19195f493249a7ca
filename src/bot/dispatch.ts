import { type Interaction, MessageFlags } from "discord.js";
import { toAppError } from "../errors.ts";
import type { LinkingDeps } from "../linking/index.ts";
import type { Command } from "./command.ts";

/**
 * The single `interactionCreate` handler: finds the command, runs it, and turns any failure
 * into one ephemeral reply whose text is safe to show.
 */
export function createInteractionHandler(commands: readonly Command[], deps: LinkingDeps) {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  return async (interaction: Interaction): Promise<void> => {
    if (!interaction.isChatInputCommand()) return;
    const command = byName.get(interaction.commandName);
    if (!command) {
      deps.log.warn(
        { command: interaction.commandName },
        "unknown command; run npm run deploy-commands",
      );
      return;
    }
    try {
      await command.execute(interaction, deps);
    } catch (err) {
      const error = toAppError(err);
      if (error.status >= 500)
        deps.log.error({ err, command: command.data.name }, "command failed");
      const content = `${error.title}. ${error.message}`;
      try {
        if (interaction.replied || interaction.deferred)
          await interaction.editReply({ content, components: [], embeds: [] });
        else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
      } catch (replyErr) {
        deps.log.warn({ err: replyErr }, "could not send the error reply");
      }
    }
  };
}
