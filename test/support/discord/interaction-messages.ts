import type { MessageType } from "discord-api-types/v10";
import { buildMessage } from "./message-builder.ts";
import type { RestRequest } from "./router.ts";
import {
  findChannelMessage,
  type InteractionRecord,
  replaceChannelMessage,
  type StandInState,
} from "./state.ts";
import type { MessageRecord } from "./types.ts";

/**
 * "@original" is the reply; for a component that was not answered with a new message, it is
 * the message the component is on, as its channel has it now.
 */
export function findInteractionMessage(
  state: StandInState,
  interaction: InteractionRecord,
  messageId: string | undefined,
): MessageRecord | undefined {
  if (messageId !== "@original") {
    return interaction.followUps.find((message) => message.id === messageId);
  }
  if (interaction.original || !interaction.sourceMessageId) return interaction.original;
  return findChannelMessage(state, interaction.channelId, interaction.sourceMessageId);
}

/** Stores an edit of (or, with `edited` undefined, deletes) a message of the interaction. */
export function replaceInteractionMessage(
  state: StandInState,
  interaction: InteractionRecord,
  message: MessageRecord,
  edited: MessageRecord | undefined,
): void {
  if (message === interaction.original) {
    interaction.original = edited;
  } else if (message.id === interaction.sourceMessageId) {
    replaceChannelMessage(state, message, edited);
  } else {
    interaction.followUps = interaction.followUps.flatMap((m) =>
      m !== message ? [m] : edited ? [edited] : [],
    );
    return;
  }
  if (edited) interaction.edits.push(edited);
}

export function buildInteractionMessage(
  state: StandInState,
  interaction: InteractionRecord,
  body: Record<string, unknown>,
  request: RestRequest,
  type: MessageType,
): MessageRecord {
  return buildMessage({
    channelId: interaction.channelId,
    author: state.botUser,
    type,
    body,
    files: request.files,
    extra: {
      webhook_id: state.config.applicationId,
      application_id: state.config.applicationId,
      interaction_metadata: interaction.metadata,
    },
  });
}
