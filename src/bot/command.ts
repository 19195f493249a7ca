import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  SlashCommandOptionsOnlyBuilder,
} from "discord.js";
import type { LinkingDeps } from "../linking/index.ts";

/** The shape of each file in commands/: the builder that deploy-commands registers, and its handler. */
export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder, "name" | "toJSON">;
  execute(interaction: ChatInputCommandInteraction, deps: LinkingDeps): Promise<void>;
}

/** A message button of ours, recognised by the start of its custom id. */
export interface ButtonHandler {
  customIdPrefix: string;
  execute(interaction: ButtonInteraction, deps: LinkingDeps): Promise<void>;
}
