import { Hono } from "hono";
import { badCredentials, requiresAuthentication } from "./api-errors.ts";
import { readTokenAuth } from "./auth-header.ts";
import { conditionalGet } from "./conditional.ts";
import { type StandInEnv, takeFailure } from "./faults.ts";
import { limitRate } from "./rate-limits.ts";
import type { State } from "./state.ts";
import { findValidAccessToken } from "./tokens.ts";
import { renderPublicUser } from "./user-json.ts";

/**
 * GET /api/v3/user: the token's owner, with the token's scopes in X-OAuth-Scopes; metered and
 * conditional like GitHub's other GETs.
 */
export function createUserRoute(state: State): Hono<StandInEnv> {
  const route = new Hono<StandInEnv>();
  route.get("/api/v3/user", limitRate(state, "core"), conditionalGet(), (c) => {
    const failure = takeFailure(state, "user", c);
    if (failure) return failure;
    const token = readTokenAuth(c.req.header("authorization"));
    if (token === null) return requiresAuthentication();
    const record = findValidAccessToken(state, token);
    const user = record && state.users.get(record.userId);
    if (!record || !user) return badCredentials();
    c.header("X-OAuth-Scopes", record.scopes.join(", "));
    // GET /user needs no scope.
    c.header("X-Accepted-OAuth-Scopes", "");
    return c.json(renderPublicUser(user, state));
  });
  return route;
}
