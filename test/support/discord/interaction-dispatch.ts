import { GatewayDispatchEvents } from "discord-api-types/v10";
import type { Gateway } from "./gateway.ts";
import type { InteractionRecord, StandInState } from "./state.ts";
import type { InteractionCallbackRecord, SentInteraction } from "./types.ts";

type BuildInteraction = (resolveReply: InteractionRecord["resolveReply"]) => {
  payload: { guild_id?: string };
  record: InteractionRecord;
};

/** INTERACTION_CREATE to the bot, with a `reply` that rejects once the reply window passed. */
export function createInteractionDispatcher(state: StandInState, gateway: Gateway) {
  const expiryTimers = new Set<NodeJS.Timeout>();

  async function dispatchInteraction(description: string, build: BuildInteraction): Promise<SentInteraction> {
    let resolveReply: (callback: InteractionCallbackRecord) => void = () => undefined;
    let rejectReply: (error: Error) => void = () => undefined;
    const reply = new Promise<InteractionCallbackRecord>((resolve, reject) => {
      resolveReply = resolve;
      rejectReply = reject;
    });
    // Tests that never look at `reply` must not see an unhandled rejection.
    reply.catch(() => undefined);

    const { payload, record } = build((callback) => resolveReply(callback));
    // Registered before dispatch: the bot may answer before the send callback fires.
    state.interactionsById.set(record.id, record);
    state.interactionsByToken.set(record.token, record);
    record.timing.dispatchedAt = performance.now();
    const delivered = await gateway.dispatch(
      payload.guild_id ?? null,
      GatewayDispatchEvents.InteractionCreate,
      payload,
    );
    if (delivered === 0) {
      state.interactionsById.delete(record.id);
      state.interactionsByToken.delete(record.token);
      throw new Error("discord stand-in: no bot session is connected to the gateway");
    }
    const timer = setTimeout(() => {
      expiryTimers.delete(timer);
      if (!record.callback) {
        rejectReply(
          new Error(
            `discord stand-in: ${description} was not answered within ${state.config.replyWindowMs} ms`,
          ),
        );
      }
    }, state.config.replyWindowMs + 1);
    expiryTimers.add(timer);
    return { id: record.id, token: record.token, reply, receivedAt: record.dispatchedAt };
  }

  return {
    dispatchInteraction,
    stop() {
      for (const timer of expiryTimers) clearTimeout(timer);
    },
  };
}
