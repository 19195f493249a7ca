import type { HttpBindings } from "@hono/node-server";
import type { Context, MiddlewareHandler } from "hono";
import { STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { State } from "./state.ts";
import type { Failure, FaultEndpoint } from "./types.ts";

export type StandInEnv = { Bindings: HttpBindings };

export function queueFailure(state: State, endpoint: FaultEndpoint, failure: Failure, times: number): void {
  const queue = state.faults.get(endpoint) ?? [];
  for (let i = 0; i < times; i++) queue.push(failure);
  state.faults.set(endpoint, queue);
}

/** Delays every response by the configured latency, as a slow network or GitHub would. */
export function delayResponses(state: State): MiddlewareHandler<StandInEnv> {
  return async (_c, next) => {
    if (state.latencyMs > 0) await sleep(state.latencyMs);
    await next();
  };
}

/**
 * The injected failure for this request, if one is queued: an error response, or a socket
 * destroyed without any response. Null lets the endpoint answer normally.
 */
export function takeFailure(state: State, endpoint: FaultEndpoint, c: Context<StandInEnv>): Response | null {
  const failure = state.faults.get(endpoint)?.shift();
  if (failure === undefined) return null;
  if (failure === "network") {
    c.env.incoming.socket.destroy();
    // Never written: the socket is gone.
    return c.body(null, 500);
  }
  // 204 and 304 carry no body.
  if (failure.status === 204 || failure.status === 304) return c.body(null, failure.status);
  const body = failure.body ?? { message: STATUS_CODES[failure.status] ?? "Error" };
  return Response.json(body, { status: failure.status });
}
