/**
 * The one list of what the vendors' descriptions leave out, each with the documentation page
 * the stand-in follows instead. Every other request to a stand-in is checked against
 * GitHub's @octokit/openapi or Discord's OpenAPI document; nothing else is exempt.
 */
export interface ExemptEndpoint {
  stand_in: "github" | "discord";
  method: string;
  /** Matched against the request path as received (before any API prefix is removed). */
  path: RegExp;
  /** How it is shown in the summary. */
  name: string;
  documentation: string;
}

export const EXEMPT_ENDPOINTS: readonly ExemptEndpoint[] = [
  {
    stand_in: "github",
    method: "GET",
    path: /^\/login\/oauth\/authorize$/,
    name: "GET /login/oauth/authorize (web flow: the consent page)",
    documentation:
      "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#1-request-a-users-github-identity",
  },
  {
    stand_in: "github",
    method: "POST",
    path: /^\/login\/oauth\/authorize$/,
    name: "POST /login/oauth/authorize (web flow: Authorize or Cancel on the consent page)",
    documentation:
      "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#2-users-are-redirected-back-to-your-site-by-github",
  },
  {
    stand_in: "github",
    method: "POST",
    path: /^\/login\/oauth\/access_token$/,
    name: "POST /login/oauth/access_token (web flow: code and refresh grants)",
    documentation:
      "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#2-users-are-redirected-back-to-your-site-by-github " +
      "and https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens",
  },
  {
    stand_in: "github",
    method: "GET",
    path: /^\/avatars\/u\/\d+$/,
    name: "GET /avatars/u/{id} (the image an avatar_url points at, avatars.githubusercontent.com)",
    documentation: "https://docs.github.com/en/rest/users/users#get-the-authenticated-user (avatar_url)",
  },
  {
    stand_in: "github",
    method: "POST",
    path: /^\/(?:api\/)?graphql$/,
    name: "POST /graphql, /api/graphql (checked against @octokit/graphql-schema instead)",
    documentation: "https://docs.github.com/en/graphql/guides/forming-calls-with-graphql",
  },
  {
    stand_in: "discord",
    method: "GET",
    path: /^\/api(?:\/v\d+)?\/oauth2\/authorize$/,
    name: "GET /oauth2/authorize (OAuth2: the consent page)",
    documentation: "https://discord.com/developers/docs/topics/oauth2#authorization-code-grant",
  },
  {
    stand_in: "discord",
    method: "POST",
    path: /^\/api(?:\/v\d+)?\/oauth2\/token$/,
    name: "POST /oauth2/token (OAuth2: code and refresh grants)",
    documentation:
      "https://discord.com/developers/docs/topics/oauth2#authorization-code-grant-access-token-exchange-example",
  },
  {
    stand_in: "discord",
    method: "POST",
    path: /^\/api(?:\/v\d+)?\/oauth2\/token\/revoke$/,
    name: "POST /oauth2/token/revoke (OAuth2: token revocation)",
    documentation:
      "https://discord.com/developers/docs/topics/oauth2#authorization-code-grant-token-revocation-example",
  },
  // An HTTP upgrade, which the REST handler never sees; listed so that everything the
  // descriptions leave out is in this one place.
  {
    stand_in: "discord",
    method: "UPGRADE",
    path: /^\/$/,
    name: "gateway WebSocket (HELLO, IDENTIFY, READY, heartbeats, INTERACTION_CREATE)",
    documentation: "https://discord.com/developers/docs/events/gateway",
  },
];

/**
 * Answers GitHub may give to any operation although an operation's description lists only
 * its own: outages, failed authentication and rate limits, each with GitHub's error body, and
 * 304 Not Modified (no body) to a conditional GET.
 */
export const GITHUB_GENERIC_STATUSES: ReadonlyArray<{
  matches(status: number): boolean;
  documentation: string;
  /** Answered without a body (otherwise GitHub's basic error). */
  bodyless?: true;
}> = [
  {
    matches: (status) => status >= 500,
    documentation: "https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api",
  },
  {
    matches: (status) => status === 401,
    documentation:
      "https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api#failed-login-limit",
  },
  {
    matches: (status) => status === 403 || status === 429,
    documentation:
      "https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit",
  },
  // Conditional requests work on every GET that answers with an ETag, but the description
  // lists 304 on only some operations (not on org or team membership, for one).
  {
    matches: (status) => status === 304,
    bodyless: true,
    documentation:
      "https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate",
  },
];

/** Discord's own operations list 4XX and 429; only outages are left. */
export const DISCORD_GENERIC_STATUSES: ReadonlyArray<{
  matches(status: number): boolean;
  documentation: string;
}> = [
  {
    matches: (status) => status >= 500,
    documentation: "https://discord.com/developers/docs/topics/opcodes-and-status-codes#http",
  },
];

export const findExemptEndpoint = (
  standIn: ExemptEndpoint["stand_in"],
  method: string,
  path: string,
): ExemptEndpoint | undefined =>
  EXEMPT_ENDPOINTS.find((e) => e.stand_in === standIn && e.method === method && e.path.test(path));

/** GitHub's rule for the OAuth applications API, which its description does not carry. */
export const GITHUB_APP_BASIC_AUTH_DOCS =
  "https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-token (Basic authentication with client_id and client_secret)";

/**
 * Where a vendor's description contradicts the vendor's own documentation and answers, the
 * documented behaviour wins; each correction is applied to the document when it is loaded.
 */
export const DESCRIPTION_ERRATA: ReadonlyArray<{
  description: "discord";
  pointer: string;
  replacement: unknown;
  documentation: string;
}> = [
  {
    // A field's errors carry string codes (BASE_TYPE_REQUIRED); the description reuses the
    // top-level Error there, whose code is an integer.
    description: "discord",
    pointer: "/components/schemas/InnerErrors/properties/_errors/items",
    replacement: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
    documentation: "https://discord.com/developers/docs/reference#error-messages",
  },
  // Permission bit sets travel as strings of digits (what discord.js sends); the description
  // types the field as an integer in requests and as a string in its own responses.
  ...[
    "ApplicationCommandCreateRequest",
    "ApplicationCommandUpdateRequest",
    "ApplicationCommandPatchRequestPartial",
  ].map((schema) => ({
    description: "discord" as const,
    pointer: `/components/schemas/${schema}/properties/default_member_permissions`,
    replacement: {
      anyOf: [
        { type: "string", pattern: "^(0|[1-9][0-9]*)$" },
        { type: "integer", minimum: 0 },
        { type: "null" },
      ],
    },
    documentation:
      "https://discord.com/developers/docs/interactions/application-commands#create-global-application-command",
  })),
];
