import type { Http2Bindings, HttpBindings } from "@hono/node-server";
import type { IncomingHttpHeaders } from "node:http";
import { checkStandInExchange } from "./record.ts";

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * The GitHub stand-in's fetch, with each request and its response held to GitHub's
 * description. Bodies are read from clones, so the stand-in sees the request untouched.
 */
export function withDescriptionCheck(fetch: Fetch): Fetch {
  return async (request, env) => {
    const requestText = request.body ? await request.clone().text() : "";
    const response = await fetch(request, env);
    // An injected network failure destroys the socket: there is no answer to check.
    const answered = !env.incoming.socket.destroyed;
    const url = new URL(request.url);
    const responseType = response.headers.get("content-type") ?? "";
    checkStandInExchange("github", {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(request.headers),
      body: parseBody(request.headers.get("content-type") ?? "", requestText),
      response: answered
        ? {
            status: response.status,
            contentType: responseType,
            body: parseBody(responseType, await response.clone().text()),
          }
        : null,
    });
    return response;
  };
}

/** For the Discord stand-in's REST handler, which has parsed the body already. */
export function checkDiscordExchange(exchange: {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: unknown;
  reply: { status: number; body?: unknown; headers?: Record<string, string> };
}): void {
  const { reply } = exchange;
  checkStandInExchange("discord", {
    method: exchange.method,
    path: exchange.url.pathname,
    query: exchange.url.searchParams,
    headers: Object.fromEntries(
      Object.entries(exchange.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(", ") : value,
      ]),
    ),
    body: exchange.body,
    response: {
      status: reply.status,
      // As sendReply labels it.
      contentType:
        reply.headers?.["Content-Type"] ??
        (typeof reply.body === "string" ? "text/html" : "application/json"),
      body: reply.body,
    },
  });
}

function parseBody(contentType: string, text: string): unknown {
  if (text === "") return undefined;
  if (contentType.includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  if (!contentType.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON although labelled so: the schema check reports it as the wrong type.
    return text;
  }
}
