import { Hono } from "hono";
import { notFound } from "./api-errors.ts";
import { createApplicationsRoutes } from "./applications-routes.ts";
import { createAuthorizeRoutes } from "./authorize-routes.ts";
import { createAvatarRoute } from "./avatar-route.ts";
import { delayResponses, type StandInEnv } from "./faults.ts";
import { createGraphqlRoute } from "./graphql-route.ts";
import { createOrgRoutes } from "./org-routes.ts";
import { renderNotFoundPage } from "./pages.ts";
import { createSearchRoute } from "./search-route.ts";
import { createStarredRoute } from "./starred-route.ts";
import { now, type State } from "./state.ts";
import { createTokenRoute } from "./token-route.ts";
import { createUserRoute } from "./user-route.ts";

export function createStandInApp(state: State): Hono<StandInEnv> {
  const app = new Hono<StandInEnv>();
  app.use(async (c, next) => {
    // Only method and path: query strings can carry codes and secrets.
    const conditional = c.req.header("if-none-match") !== undefined;
    const entry = { method: c.req.method, path: c.req.path, at: now(state), status: 0, conditional };
    state.requests.push(entry);
    await next();
    entry.status = c.res.status;
    // GitHub's clock, which @octokit/oauth-methods reads to compute token expiry times.
    c.res.headers.set("date", new Date(now(state)).toUTCString());
  });
  app.use(delayResponses(state));
  app.route("/", createAuthorizeRoutes(state));
  app.route("/", createTokenRoute(state));
  app.route("/", createUserRoute(state));
  app.route("/", createApplicationsRoutes(state));
  app.route("/", createAvatarRoute());
  app.route("/", createGraphqlRoute(state));
  app.route("/", createOrgRoutes(state));
  app.route("/", createStarredRoute(state));
  app.route("/", createSearchRoute(state));
  app.notFound((c) => (c.req.path.startsWith("/api/v3/") ? notFound() : c.html(renderNotFoundPage(), 404)));
  return app;
}
