export { startDiscordStandIn } from "./stand-in.ts";
export type {
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
  StandInUser,
} from "./types.ts";
