import {
  InteractionResponseType,
  MessageFlags,
  MessageType,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from "discord-api-types/v10";
import { acceptedCallbackTypes } from "./callback-types.ts";
import {
  alreadyAcknowledged,
  invalidFormBody,
  invalidWebhookToken,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from "./discord-errors.ts";
import {
  buildInteractionMessage,
  findInteractionMessage,
  replaceInteractionMessage,
} from "./interaction-messages.ts";
import { applyMessageEdit, readMessageBody, validateContent, validateNewMessage } from "./message-builder.ts";
import type { RestReply, RestRequest, RouteDefinition } from "./router.ts";
import type { InteractionRecord, StandInState } from "./state.ts";
import type { InteractionCallbackData } from "./types.ts";

// Interaction callbacks and the interaction-token webhook routes: no bot token needed and
// exempt from the global limit, as on Discord.
export function createInteractionRoutes(state: StandInState): RouteDefinition[] {
  const webhookRoute = {
    auth: "none",
    globalExempt: true,
    majorParameters: ["applicationId", "token"],
  } as const;
  return [
    {
      method: "POST",
      pattern: "/interactions/:interactionId/:token/callback",
      auth: "none",
      globalExempt: true,
      majorParameters: ["interactionId"],
      handle: (request) => answerCallback(state, request),
    },
    {
      ...webhookRoute,
      method: "POST",
      pattern: "/webhooks/:applicationId/:token",
      handle: (request) => withInteraction(state, request, postFollowUp),
    },
    {
      ...webhookRoute,
      method: "GET",
      pattern: "/webhooks/:applicationId/:token/messages/:messageId",
      handle: (request) =>
        withInteraction(state, request, (interaction) => {
          const message = findInteractionMessage(state, interaction, request.params.messageId);
          return message ? { status: 200, body: message } : unknownMessage();
        }),
    },
    {
      ...webhookRoute,
      method: "PATCH",
      pattern: "/webhooks/:applicationId/:token/messages/:messageId",
      handle: (request) => withInteraction(state, request, editMessage),
    },
    {
      ...webhookRoute,
      method: "DELETE",
      pattern: "/webhooks/:applicationId/:token/messages/:messageId",
      handle: (request) => withInteraction(state, request, deleteMessage),
    },
  ];
}

function answerCallback(state: StandInState, request: RestRequest): RestReply {
  const interaction = state.interactionsById.get(request.params.interactionId ?? "");
  if (!interaction || interaction.token !== request.params.token) return unknownInteraction();
  if (interaction.callback) return alreadyAcknowledged();
  // Discord forgets an interaction that was not answered within 3 seconds.
  if (Date.now() - interaction.dispatchedAt > state.config.replyWindowMs) return unknownInteraction();

  const body = readMessageBody(request.body);
  const type = body.type;
  const accepted = acceptedCallbackTypes(interaction.metadata.type);
  if (typeof type !== "number" || !accepted.has(type)) {
    // Discord's form-body error for a value outside the allowed choices.
    return invalidFormBody(
      "type",
      "BASE_TYPE_CHOICES",
      `Value must be one of {${[...accepted].join(", ")}}.`,
    );
  }
  const data = readMessageBody(body.data) as InteractionCallbackData;
  if (type === InteractionResponseType.ChannelMessageWithSource) {
    const invalid = validateNewMessage(data, request.files);
    if (invalid) return invalid;
  }
  // UPDATE_MESSAGE edits the message whose component was used (only components have one).
  const updates = type === InteractionResponseType.UpdateMessage && interaction.sourceMessageId !== undefined;
  const source = updates ? findInteractionMessage(state, interaction, "@original") : undefined;
  if (updates) {
    if (!source) return unknownMessage();
    const invalid = validateContent(data);
    if (invalid) return invalid;
  }

  const callback = body.data === undefined ? { type } : { type, data };
  interaction.callback = callback;
  interaction.timing.answeredAt = performance.now();
  if (type === InteractionResponseType.ChannelMessageWithSource) {
    interaction.original = buildInteractionMessage(
      state,
      interaction,
      data,
      request,
      MessageType.ChatInputCommand,
    );
  } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
    // The "is thinking..." placeholder: empty, loading, ephemeral if the bot asked for it.
    const flags = ((data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading;
    interaction.original = buildInteractionMessage(
      state,
      interaction,
      { flags },
      request,
      MessageType.ChatInputCommand,
    );
  } else if (source) {
    const updated = applyMessageEdit(source, data, request.files);
    replaceInteractionMessage(state, interaction, source, updated);
  }
  interaction.resolveReply(callback);

  if (request.query.get("with_response") !== "true") return { status: 204 };
  const original = findInteractionMessage(state, interaction, "@original");
  const result: RESTPostAPIInteractionCallbackWithResponseResult = {
    interaction: {
      id: interaction.id,
      type: interaction.metadata.type,
      response_message_id: original?.id,
      response_message_loading: original ? ((original.flags ?? 0) & MessageFlags.Loading) !== 0 : undefined,
      response_message_ephemeral: original
        ? ((original.flags ?? 0) & MessageFlags.Ephemeral) !== 0
        : undefined,
    },
    // Only a reply or an update names its message (Discord's description knows no other resource).
    ...((type === InteractionResponseType.ChannelMessageWithSource ||
      type === InteractionResponseType.UpdateMessage) &&
    original
      ? { resource: { type, message: original } }
      : {}),
  };
  return { status: 200, body: result };
}

function withInteraction(
  state: StandInState,
  request: RestRequest,
  handle: (interaction: InteractionRecord, request: RestRequest, state: StandInState) => RestReply,
): RestReply {
  if (request.params.applicationId !== state.config.applicationId) return unknownWebhook();
  const interaction = state.interactionsByToken.get(request.params.token ?? "");
  if (!interaction || Date.now() - interaction.dispatchedAt > state.config.tokenLifetimeMs) {
    return invalidWebhookToken();
  }
  return handle(interaction, request, state);
}

function postFollowUp(interaction: InteractionRecord, request: RestRequest, state: StandInState): RestReply {
  // Follow-ups exist only once the interaction was acknowledged.
  if (!interaction.callback) return unknownWebhook();
  const body = readMessageBody(request.body);
  const invalid = validateNewMessage(body, request.files);
  if (invalid) return invalid;
  const message = buildInteractionMessage(state, interaction, body, request, MessageType.Default);
  interaction.followUps.push(message);
  return request.query.get("wait") === "true" ? { status: 200, body: message } : { status: 204 };
}

function editMessage(interaction: InteractionRecord, request: RestRequest, state: StandInState): RestReply {
  const message = findInteractionMessage(state, interaction, request.params.messageId);
  if (!message) return unknownMessage();
  const body = readMessageBody(request.body);
  const invalid = validateContent(body);
  if (invalid) return invalid;
  const edited = applyMessageEdit(message, body, request.files);
  replaceInteractionMessage(state, interaction, message, edited);
  return { status: 200, body: edited };
}

function deleteMessage(interaction: InteractionRecord, request: RestRequest, state: StandInState): RestReply {
  const message = findInteractionMessage(state, interaction, request.params.messageId);
  if (!message) return unknownMessage();
  replaceInteractionMessage(state, interaction, message, undefined);
  return { status: 204 };
}
