export { startDiscordStandIn } from "./stand-in.ts";
export type {
  ClickButtonInput,
  CommandOption,
  DiscordStandIn,
  DiscordStandInOptions,
  IdentifyRecord,
  InteractionCallbackData,
  InteractionCallbackRecord,
  InteractionTiming,
  MessageRecord,
  RequestRecord,
  SendCommandInput,
  SentCommand,
  SentInteraction,
  StandInUser,
} from "./types.ts";
