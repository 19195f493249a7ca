import {
  type APIMessageComponentButtonInteraction,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type Permissions,
} from "discord-api-types/v10";
import { ALL_PERMISSIONS } from "./fixtures.ts";
import { openDmChannel, requireUser } from "./interactions.ts";
import { generateInteractionToken, generateSnowflake } from "./snowflakes.ts";
import {
  createInteractionRecord,
  findChannelMessage,
  type InteractionRecord,
  type StandInState,
} from "./state.ts";

import type { ClickButtonInput } from "./types.ts";

interface ComponentNode {
  type: number;
  custom_id?: string;
  disabled?: boolean;
  components?: ComponentNode[];
  accessory?: ComponentNode;
}

/** A click on a button of a DM from the bot, as Discord dispatches it over the gateway. */
export function createButtonInteraction(
  state: StandInState,
  input: ClickButtonInput,
  resolveReply: InteractionRecord["resolveReply"],
): { payload: APIMessageComponentButtonInteraction; record: InteractionRecord } {
  const user = requireUser(state, input.userId);
  const channel = openDmChannel(state, user);
  // The client shows the message as it is now: a button an update removed cannot be clicked.
  const message =
    input.message.channel_id === channel.id
      ? findChannelMessage(state, channel.id, input.message.id)
      : undefined;
  if (!message) {
    throw new Error(`discord stand-in: message ${input.message.id} is not in a DM to ${user.id}`);
  }
  const button = findButton(message.components ?? [], input.customId);
  if (!button || button.disabled) {
    const which = button ? "enabled button" : "button";
    throw new Error(
      `discord stand-in: message ${message.id} has no ${which} with custom_id ${input.customId}`,
    );
  }
  const id = generateSnowflake();
  const token = generateInteractionToken(id);
  // A guild-installed app in its own DM: the guild owner id is "0".
  const owners = { [ApplicationIntegrationType.GuildInstall]: "0" };
  const payload: APIMessageComponentButtonInteraction = {
    id,
    application_id: state.config.applicationId,
    type: InteractionType.MessageComponent,
    data: { custom_id: input.customId, component_type: ComponentType.Button },
    channel_id: channel.id,
    channel,
    user,
    message,
    token,
    version: 1,
    app_permissions: ALL_PERMISSIONS as Permissions,
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: owners,
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10 * 1024 * 1024,
  };
  const record = createInteractionRecord({
    id,
    token,
    channelId: channel.id,
    metadata: {
      id,
      type: InteractionType.MessageComponent,
      user,
      authorizing_integration_owners: owners,
      interacted_message_id: message.id,
    },
    sourceMessageId: message.id,
    resolveReply,
  });
  return { payload, record };
}

/** Buttons sit in action rows, or (components v2) in containers and as section accessories. */
function findButton(components: ComponentNode[], customId: string): ComponentNode | undefined {
  for (const component of components) {
    if (component.type === ComponentType.Button && component.custom_id === customId) {
      return component;
    }
    const accessory = component.accessory ? [component.accessory] : [];
    const found = findButton([...(component.components ?? []), ...accessory], customId);
    if (found) return found;
  }
  return undefined;
}
