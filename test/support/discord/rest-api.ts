import type { IncomingMessage, ServerResponse } from "node:http";
import { checkDiscordExchange } from "../api-descriptions/index.ts";
import { notFound, replyError, unauthorized } from "./discord-errors.ts";
import { type ParsedBody, readBody, sendReply } from "./http-server.ts";
import { rateLimitedReply, type RateLimiter } from "./rate-limiter.ts";
import {
  type Caller,
  describeRoute,
  maskTokens,
  matchRoute,
  type RestReply,
  type RouteDefinition,
  type RouteMatch,
} from "./router.ts";
import type { StandInState } from "./state.ts";

export interface RestApiOptions {
  state: StandInState;
  routes: readonly RouteDefinition[];
  limiter: RateLimiter;
  routeRateLimit: { limit: number; windowMs: number };
  globalRateLimitPerSecond: number;
  findBearer(token: string): { userId: string; scopes: string[] } | undefined;
}

// /api/v10/..., /api/v9/... and unversioned /api/... (OAuth2's authorize page lives there).
const API_PATH = /^\/api(?:\/v(\d+))?(\/.*)$/;

export function createRestHandler(options: RestApiOptions) {
  const { state } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const apiPath = API_PATH.exec(url.pathname);
    const match = apiPath?.[2] ? matchRoute(options.routes, method, apiPath[2]) : undefined;
    // Read the body even when refusing, so the keep-alive connection stays usable.
    const parsed = await readBody(req);
    const reply = await answer(req, parsed, url, apiPath?.[1], match, options);
    checkDiscordExchange({
      method,
      url,
      headers: req.headers,
      body: parsed === "invalid-json" ? "" : parsed.body,
      reply,
    });
    state.requests.push({
      method,
      route: match ? describeRoute(match) : maskTokens(apiPath?.[2] ?? url.pathname),
      status: reply.status,
      at: Date.now(),
    });
    if (reply.status === 429) state.rateLimitedCount += 1;
    sendReply(res, reply);
  };
}

async function answer(
  req: IncomingMessage,
  parsed: ParsedBody | "invalid-json",
  url: URL,
  version: string | undefined,
  match: RouteMatch | undefined,
  options: RestApiOptions,
): Promise<RestReply> {
  if (version !== undefined && version !== "9" && version !== "10") {
    return replyError(400, 50041, "Invalid API version");
  }
  if (!match) return notFound();
  const { route, params } = match;
  const caller = identifyCaller(req.headers.authorization, options);
  if (!isAllowed(route.auth, caller)) return unauthorized();

  const decision = route.unlimited
    ? undefined
    : options.limiter.admit({
        method: route.method,
        pattern: route.pattern,
        majorParameter: (route.majorParameters ?? []).map((name) => params[name]).join("/"),
        globalKey: route.globalExempt || caller.kind === "anonymous" ? undefined : caller.token,
        bucket: route.majorParameters
          ? options.routeRateLimit
          : { limit: options.globalRateLimitPerSecond, windowMs: 1000 },
      });
  if (decision?.rejection) return rateLimitedReply({ ...decision, rejection: decision.rejection });

  if (parsed === "invalid-json") {
    return replyError(400, 50109, "The request body contains invalid JSON.");
  }
  const reply = await route.handle({
    method: route.method,
    params,
    query: url.searchParams,
    headers: req.headers,
    body: parsed.body,
    files: parsed.files,
    caller,
  });
  return { ...reply, headers: { ...decision?.headers, ...reply.headers } };
}

function identifyCaller(authorization: string | undefined, options: RestApiOptions): Caller {
  const [scheme, token] = (authorization ?? "").split(" ", 2);
  if (scheme === "Bot" && token === options.state.config.botToken) return { kind: "bot", token };
  if (scheme === "Bearer" && token) {
    const grant = options.findBearer(token);
    if (grant) return { kind: "bearer", token, ...grant };
  }
  return { kind: "anonymous" };
}

function isAllowed(auth: RouteDefinition["auth"], caller: Caller): boolean {
  switch (auth) {
    case "none":
      return true;
    case "bot":
      return caller.kind === "bot";
    case "bearer":
      return caller.kind === "bearer";
    case "bot-or-bearer":
      return caller.kind !== "anonymous";
  }
}
