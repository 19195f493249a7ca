import { InteractionResponseType as Callback, InteractionType } from "discord-api-types/v10";

const REPLY = [Callback.ChannelMessageWithSource, Callback.DeferredChannelMessageWithSource];
const UPDATE = [Callback.DeferredMessageUpdate, Callback.UpdateMessage];
const OPEN = [Callback.Modal, Callback.LaunchActivity];

/**
 * The callback types Discord takes for each interaction type
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type):
 * DEFERRED_UPDATE_MESSAGE and UPDATE_MESSAGE only for components and modal submits, since a
 * slash command has no message of its own to update.
 */
const ACCEPTED = new Map<InteractionType, ReadonlySet<number>>([
  [InteractionType.ApplicationCommand, new Set([...REPLY, ...OPEN])],
  [InteractionType.MessageComponent, new Set([...REPLY, ...UPDATE, ...OPEN])],
  [InteractionType.ModalSubmit, new Set([...REPLY, ...UPDATE])],
]);

export const acceptedCallbackTypes = (interactionType: InteractionType): ReadonlySet<number> =>
  ACCEPTED.get(interactionType) ?? new Set();
