import { DefaultRestOptions, type RESTOptions, type ResponseLike } from "discord.js";
import {
  Agent as HttpAgent,
  type IncomingHttpHeaders,
  type IncomingMessage,
  STATUS_CODES,
  request as httpRequest,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

type MakeRequest = RESTOptions["makeRequest"];

/**
 * discord.js's rate-limit code reads an answer's headers with `get` and `has` alone; building
 * a WHATWG `Headers` for each answer cost more than the rest of reading it.
 */
class AnswerHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
}

/**
 * discord.js's HTTP call over Node's own client and keep-alive connections shared by every REST
 * client of the process, in place of undici's `request` (its dispatcher chain, `Headers` and
 * body streams were most of the bot's CPU on Discord's side of a link, issue 16). discord.js
 * still does everything else: the queues per route, 429s and `Retry-After`, the global budget,
 * the timeout (its abort signal). Answers are read whole (Discord's are small JSON) so a
 * connection is free again at once. Uploads (form data) and custom dispatchers keep undici.
 */
export function createDiscordTransport(): MakeRequest {
  const agents = {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
  };
  return (url, init) => {
    const { body } = init;
    const plain = body == null || typeof body === "string" || body instanceof Uint8Array;
    if (!plain || init.dispatcher) return DefaultRestOptions.makeRequest(url, init);
    return new Promise<ResponseLike>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      const req = (secure ? httpsRequest : httpRequest)(
        {
          protocol: target.protocol,
          // An IPv6 literal comes bracketed in a URL, bare in a host name.
          hostname: target.hostname.replace(/^\[(.*)\]$/, "$1"),
          port: target.port,
          path: target.pathname + target.search,
          method: init.method ?? "GET",
          headers: init.headers as Record<string, string>,
          agent: secure ? agents.https : agents.http,
        },
        (res) => readAnswer(res, settle, fail),
      );
      // discord.js's timeout. Node's own `signal` option watches the whole stream's end, which
      // cost as much as the rest of sending the request; one listener does the same here.
      const { signal } = init;
      const abort = () => req.destroy(abortError(signal));
      signal?.addEventListener("abort", abort, { once: true });
      function settle(answer: ResponseLike) {
        signal?.removeEventListener("abort", abort);
        resolve(answer);
      }
      function fail(err: Error) {
        signal?.removeEventListener("abort", abort);
        reject(err);
      }
      req.on("error", fail);
      if (signal?.aborted) abort();
      req.end(body ?? undefined);
    });
  };
}

/** What discord.js retries on: an error named AbortError, as fetch and undici give. */
function abortError(signal: AbortSignal | null | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error && reason.name === "AbortError"
    ? reason
    : new DOMException("This operation was aborted", "AbortError");
}

function readAnswer(
  res: IncomingMessage,
  resolve: (answer: ResponseLike) => void,
  reject: (err: Error) => void,
) {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("error", reject);
  res.on("end", () =>
    resolve(answerOf(res, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))),
  );
}

function answerOf(res: IncomingMessage, data: Buffer): ResponseLike {
  const status = res.statusCode ?? 0;
  let used = false;
  const take = () => {
    if (used) throw new TypeError("The answer's body was already read");
    used = true;
    return data;
  };
  return {
    status,
    statusText: STATUS_CODES[status] ?? res.statusMessage ?? "",
    ok: status >= 200 && status < 300,
    headers: new AnswerHeaders(res.headers) as unknown as Headers,
    body: null,
    get bodyUsed() {
      return used;
    },
    arrayBuffer: async () => {
      const bytes = take();
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    text: async () => take().toString("utf8"),
    json: async () => JSON.parse(take().toString("utf8")) as unknown,
  };
}
