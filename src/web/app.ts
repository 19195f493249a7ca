import { Hono } from "hono";
import { NotFoundError } from "../errors/index.ts";
import { countSharedHits, type LinkingDeps } from "../linking/index.ts";
import { apiAndDocsRoutes } from "./api/docs-routes.ts";
import { createReplicatedRefusalCounter, limitPerClient } from "./rate-limit.ts";
import { handleError, respondWithError } from "./respond.ts";
import { assetRoutes } from "./routes/assets.ts";
import { confirmRoutes } from "./routes/confirm.ts";
import { githubCallbackRoutes } from "./routes/github-callback.ts";
import { githubWebhookRoutes } from "./routes/github-webhook.ts";
import { healthRoutes, type Readiness } from "./routes/health.ts";
import { linkedRoleRoutes } from "./routes/linked-role.ts";
import { ownerRemovalRoutes } from "./routes/owner-removal.ts";
import { signInStartRoutes } from "./routes/sign-in-start.ts";
import { securityHeaders } from "./security-headers.ts";

export interface WebDeps extends LinkingDeps {
  checkReadiness: () => Promise<Readiness>;
}

export function createApp(deps: WebDeps) {
  const app = new Hono();
  app.use(securityHeaders(deps.config));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    c.header("Cache-Control", "no-store");
    // Not even the object is built at info level: this runs for every request.
    if (!deps.log.isLevelEnabled("debug")) return;
    // The path only: the query holds codes and states.
    deps.log.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.route("/", assetRoutes());
  // Shared by every replica, so an address's refusals count wherever they land.
  const refusals = createReplicatedRefusalCounter(deps.config, async (key, window, hits) => {
    const shared = await countSharedHits(deps, {
      key: `refused:${key}`,
      windowMs: window.ms,
      at: window.startedAt,
      hits,
    });
    return shared.count;
  });
  app.use("/auth/*", limitPerClient(deps.config, refusals));
  app.route("/", healthRoutes(deps.checkReadiness));
  app.route("/", signInStartRoutes(deps));
  app.route("/", githubCallbackRoutes(deps));
  app.route("/", confirmRoutes(deps));
  app.route("/", ownerRemovalRoutes(deps));
  app.route("/", linkedRoleRoutes(deps));
  app.route("/", githubWebhookRoutes(deps));
  app.route("/", apiAndDocsRoutes(deps));
  app.notFound((c) => respondWithError(c, new NotFoundError()));
  app.onError(handleError(deps.log));
  return app;
}

/** A gateway or worker process serves only its health checks (for the orchestrator's probes). */
export function createHealthApp(deps: Pick<WebDeps, "checkReadiness" | "log">) {
  const app = new Hono();
  app.route("/", healthRoutes(deps.checkReadiness));
  app.notFound((c) => respondWithError(c, new NotFoundError()));
  app.onError(handleError(deps.log));
  return app;
}
