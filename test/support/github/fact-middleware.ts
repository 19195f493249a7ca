import type { MiddlewareHandler } from "hono";
import { conditionalGet } from "./conditional.ts";
import { type StandInEnv, takeFailure } from "./faults.ts";
import { limitRate, type RateResource } from "./rate-limits.ts";
import type { State } from "./state.ts";

/**
 * What every endpoint role rules ask goes through: an injected failure (`failNext("facts")`)
 * first, then the rate limit of its resource, then conditional requests.
 */
export function factMiddleware(
  state: State,
  resource: RateResource,
): [MiddlewareHandler<StandInEnv>, MiddlewareHandler<StandInEnv>, MiddlewareHandler<StandInEnv>] {
  const failures: MiddlewareHandler<StandInEnv> = async (c, next) => {
    const failure = takeFailure(state, "facts", c);
    if (failure) return failure;
    await next();
  };
  return [failures, limitRate(state, resource), conditionalGet()];
}
