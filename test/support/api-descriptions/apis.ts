import { type CheckedApi, type Exchange } from "./check-exchange.ts";
import {
  GHES_VERSION,
  loadDiscordDescription,
  loadGitHubDescription,
  type OpenApiDocument,
  packageVersion,
} from "./documents.ts";
import {
  DISCORD_GENERIC_STATUSES,
  GITHUB_APP_BASIC_AUTH_DOCS,
  GITHUB_GENERIC_STATUSES,
} from "./exemptions.ts";
import { indexOperations, type Operation } from "./operations.ts";
import { createSchemaSet } from "./schemas.ts";

const cache = new Map<string, CheckedApi>();

function once(key: string, build: () => CheckedApi): CheckedApi {
  let api = cache.get(key);
  if (!api) {
    api = build();
    cache.set(key, api);
  }
  return api;
}

function baseApi(name: string, id: string, document: OpenApiDocument) {
  const dialect = document.openapi.startsWith("3.0") ? "openapi-3.0" : "openapi-3.1";
  return { name, index: indexOperations(document), schemas: createSchemaSet(id, document, dialect) };
}

/** GitHub's REST description for a layout: Enterprise Server (`/api/v3`) or api.github.com. */
export const githubApi = (layout: "ghes" | "dotcom"): CheckedApi =>
  once(`github-${layout}`, () => {
    const version = packageVersion("@octokit/openapi");
    const name =
      layout === "ghes"
        ? `GitHub Enterprise Server ${GHES_VERSION} (@octokit/openapi ${version})`
        : `api.github.com (@octokit/openapi ${version})`;
    return {
      ...baseApi(name, `github-${layout}`, loadGitHubDescription(layout)),
      checkAuth: checkGitHubAuth,
      genericResponse: (status) => {
        const generic = GITHUB_GENERIC_STATUSES.find((g) => g.matches(status));
        if (!generic) return null;
        return { schemaPointer: generic.bodyless ? null : "/components/schemas/basic-error" };
      },
    };
  });

export const discordApi = (): CheckedApi =>
  once("discord", () => ({
    ...baseApi("Discord (shared/specs/discord-openapi.json)", "discord", loadDiscordDescription()),
    checkAuth: checkDiscordAuth,
    genericResponse: (status) =>
      DISCORD_GENERIC_STATUSES.some((generic) => generic.matches(status))
        ? { schemaPointer: "/components/schemas/ErrorResponse" }
        : null,
  }));

const scheme = (exchange: Exchange) => /^(\w+) \S+$/.exec(exchange.headers.authorization ?? "")?.[1];

/**
 * GitHub's description carries no security schemes: the OAuth applications API takes Basic
 * auth as the app (its client id in the path); any other call may carry a token or none.
 */
function checkGitHubAuth(operation: Operation, exchange: Exchange, params: Record<string, string>) {
  const header = exchange.headers.authorization;
  if (operation.template.startsWith("/applications/{client_id}/")) {
    const basic = /^basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? "")?.[1];
    const user = basic && Buffer.from(basic, "base64").toString("utf8").split(":")[0];
    return user === params.client_id
      ? null
      : `must be Basic authentication as the app whose client_id is in the path (${GITHUB_APP_BASIC_AUTH_DOCS})`;
  }
  if (header === undefined) return null;
  return /^(token|bearer|basic)$/i.test(scheme(exchange) ?? "")
    ? null
    : "is not `token`, `Bearer` or `Basic` credentials";
}

/** The operation's security requirements: `Bot <token>` for BotToken, `Bearer <token>` for OAuth2. */
function checkDiscordAuth(operation: Operation, exchange: Exchange) {
  const requirements = operation.security ?? [];
  const schemes = { Bot: "BotToken", Bearer: "OAuth2" } as Record<string, string>;
  const sent = exchange.headers.authorization === undefined ? undefined : schemes[scheme(exchange) ?? ""];
  if (exchange.headers.authorization !== undefined && sent === undefined)
    return "is neither `Bot` nor `Bearer` credentials";
  const anonymousAllowed = requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0);
  if (sent === undefined) return anonymousAllowed ? null : "is required";
  if (anonymousAllowed || requirements.some((r) => sent in r)) return null;
  const accepted = requirements.flatMap((r) => Object.keys(r)).join(" or ");
  return `is ${sent}, but the operation takes ${accepted}`;
}
