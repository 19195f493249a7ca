import type { IncomingHttpHeaders } from "node:http";

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Caller =
  | { kind: "bot"; token: string }
  | { kind: "bearer"; token: string; userId: string; scopes: string[] }
  | { kind: "anonymous" };

export interface UploadedFile {
  name: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface RestRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the fields of a form, or multipart's payload_json. */
  body: unknown;
  files: UploadedFile[];
  caller: Caller;
}

export interface RouteDefinition {
  method: string;
  /** Path after /api/v10, with :params, e.g. /channels/:channelId/messages. */
  pattern: string;
  /** Who may call: bot token, OAuth2 bearer token, either, or anyone (webhooks, OAuth2). */
  auth: "bot" | "bearer" | "bot-or-bearer" | "none";
  /** Params that make up Discord's "major parameter" and so split the route's bucket. */
  majorParameters?: readonly string[];
  /** Interaction callbacks and webhook routes do not count towards the global limit. */
  globalExempt?: boolean;
  /** The OAuth2 endpoints are not bot traffic and are not rate limited here. */
  unlimited?: boolean;
  handle(request: RestRequest): RestReply | Promise<RestReply>;
}

export interface RouteMatch {
  route: RouteDefinition;
  params: Record<string, string>;
}

export function matchRoute(
  routes: readonly RouteDefinition[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, segments);
    if (params) return { route, params };
  }
  return undefined;
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}

/** The request path as logged: interaction and webhook tokens replaced by ":token". */
export function describeRoute(match: RouteMatch): string {
  return match.route.pattern.replace(/:(\w+)/g, (_, name: string) =>
    name === "token" ? ":token" : (match.params[name] ?? ""),
  );
}

/** For paths no route matched: still never log an interaction or webhook token. */
export function maskTokens(path: string): string {
  return path.replace(/^(\/(?:webhooks|interactions)\/[^/]+\/)[^/]+/, "$1:token");
}
