import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import { ApiInputError } from "../../errors/index.ts";
import {
  countSharedHits,
  type LinkingDeps,
  lookupByDiscordId,
  lookupByGithubId,
  lookupByGithubLogin,
} from "../../linking/index.ts";
import { requireApiKey } from "./api-key.ts";
import {
  DiscordIdParams,
  ErrorSchema,
  GithubIdParams,
  GithubLoginParams,
  LinkListSchema,
  LinkSchema,
} from "./schemas.ts";
import { toApiLink } from "./to-api-link.ts";

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const ERRORS = {
  400: json(ErrorSchema, "The path parameter is malformed"),
  401: json(ErrorSchema, "No valid API key in `Authorization: Bearer <secret>`"),
  404: json(ErrorSchema, "Nobody is linked to that account"),
  429: {
    ...json(ErrorSchema, "Too many requests with this API key"),
    headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" as const } } },
  },
  503: json(ErrorSchema, "Storage is unreachable"),
};

const lookup = <P extends z.ZodObject, S extends z.ZodType>(
  path: string,
  params: P,
  summary: string,
  ok: { content: { "application/json": { schema: S } }; description: string },
) =>
  createRoute({
    method: "get",
    path,
    summary,
    tags: ["links"],
    security: [{ apiKey: [] }],
    request: { params },
    responses: { 200: ok, ...ERRORS },
  });

const byDiscordId = lookup(
  "/links/discord/{discordId}",
  DiscordIdParams,
  "The GitHub account a Discord member linked",
  json(LinkSchema, "The member's link"),
);
const byLogin = lookup(
  "/links/github/{login}",
  GithubLoginParams,
  "The Discord members linked to a GitHub login (any case)",
  json(LinkListSchema, "Every link to that login"),
);
const byGithubId = lookup(
  "/links/github-id/{githubId}",
  GithubIdParams,
  "The Discord members linked to a GitHub account id",
  json(LinkListSchema, "Every link to that account"),
);

/** `/api/v1`: the routes and their OpenAPI 3.1 document, generated from the same definitions. */
export function apiRoutes(deps: LinkingDeps) {
  const api = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw new ApiInputError(result.error.issues.map((i) => i.message).join("; "));
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "One of the secrets in the operator's API_KEYS setting",
  });
  api.use(
    "/links/*",
    requireApiKey(deps.config.api, (keyName, window) =>
      countSharedHits(deps, { key: `api:${keyName}`, windowMs: window.ms, at: window.at, hits: 1 }),
    ),
  );
  api.openapi(byDiscordId, async (c) => {
    const link = await lookupByDiscordId(deps, c.req.valid("param").discordId);
    return c.json(toApiLink(link), 200);
  });
  api.openapi(byLogin, async (c) => {
    const links = await lookupByGithubLogin(deps, c.req.valid("param").login);
    return c.json({ links: links.map(toApiLink) }, 200);
  });
  api.openapi(byGithubId, async (c) => {
    const githubId = Number(c.req.valid("param").githubId);
    if (!Number.isSafeInteger(githubId)) throw new ApiInputError("githubId is too large");
    const links = await lookupByGithubId(deps, githubId);
    return c.json({ links: links.map(toApiLink) }, 200);
  });
  api.doc31("/openapi.json", openApiInfo(deps));
  return api;
}

export const openApiInfo = (deps: LinkingDeps) => ({
  openapi: "3.1.0",
  info: {
    title: "octolink lookup API",
    version: "1",
    description:
      "Which GitHub account a Discord member linked, and the reverse. Every `/links` route needs " +
      "`Authorization: Bearer <secret>` with a key from API_KEYS; errors are `{ error, message }`.",
  },
  servers: [{ url: `${deps.config.publicUrl}/api/v1` }],
});
