import { Hono } from "hono";
import { NotFoundError } from "../errors.ts";
import type { LinkingDeps } from "../linking/index.ts";
import { STYLESHEET } from "./pages/style.ts";
import { handleError, respondWithError } from "./respond.ts";
import { githubCallbackRoutes } from "./routes/github-callback.ts";
import { githubWebhookRoutes } from "./routes/github-webhook.ts";
import { healthRoutes, type Readiness } from "./routes/health.ts";
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
  app.get("/assets/octolink.css", (c) =>
    c.body(STYLESHEET, 200, { "Content-Type": "text/css; charset=utf-8" }),
  );
  app.route("/", healthRoutes(deps.checkReadiness));
  app.route("/", githubCallbackRoutes(deps));
  app.route("/", githubWebhookRoutes(deps));
  app.notFound((c) => respondWithError(c, new NotFoundError()));
  app.onError(handleError(deps.log));
  return app;
}
