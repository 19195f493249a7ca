import type { MiddlewareHandler } from "hono";
import type { Config } from "../config.ts";
import { TooManyRequestsError } from "../errors/index.ts";
import { clientAddress } from "./client-address.ts";
import { createMemoryRefusalCounter, type RefusalCounter } from "./refusal-counter.ts";
import { type AddSharedHits, createSharedRefusalCounter } from "./shared-refusal-counter.ts";

const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 50_000;

export const createDefaultRefusalCounter = (config: Config): RefusalCounter =>
  createMemoryRefusalCounter({
    limit: config.limits.httpPerClient,
    windowMs: WINDOW_MS,
    maxKeys: MAX_TRACKED_CLIENTS,
  });

/** The default counter, with the counts shared through MongoDB by every web replica. */
export const createReplicatedRefusalCounter = (
  config: Config,
  addSharedHits: AddSharedHits,
): RefusalCounter =>
  createSharedRefusalCounter({
    local: createDefaultRefusalCounter(config),
    limit: config.limits.httpPerClient,
    windowMs: WINDOW_MS,
    addSharedHits,
  });

/**
 * Counts the sign-in requests each client address got refused (4xx) in a one-minute window and
 * answers 429 past the limit. Guessing states or codes is all refusals, while members who link
 * succeed, so a campus behind one address is not throttled for normal use.
 */
export function limitPerClient(
  config: Config,
  counter: RefusalCounter = createDefaultRefusalCounter(config),
): MiddlewareHandler {
  return async (c, next) => {
    const key = clientAddress(c, config.trustProxy);
    const waitMs = await counter.blockedFor(key, Date.now());
    if (waitMs > 0) throw new TooManyRequestsError(Math.ceil(waitMs / 1000));
    await next();
    if (c.res.status >= 400 && c.res.status < 500) await counter.recordRefusal(key, Date.now());
  };
}
