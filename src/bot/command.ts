import type { ChatInputCommandInteraction, SlashCommandOptionsOnlyBuilder } from "discord.js";
import type { LinkingDeps } from "../linking/index.ts";

/** The shape of each file in commands/: the builder that deploy-commands registers, and its handler. */
export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder, "name" | "toJSON">;
  execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void>;
}
