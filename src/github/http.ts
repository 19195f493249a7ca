import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { urlToHttpOptions } from "node:url";

/** An answer of GitHub's, read whole: its body parsed as JSON when it says it is JSON, else text. */
export interface GitHubAnswer {
  status: number;
  data: unknown;
}

/** A non-2xx answer, shaped as Octokit's RequestError is where our code reads it. */
export class GitHubHttpError extends Error {
  constructor(
    readonly status: number,
    readonly response: { data: unknown },
  ) {
    super(`GitHub answered HTTP ${status}`);
    this.name = "GitHubHttpError";
  }
}

/**
 * GitHub's two requests of every link (the code exchange and `GET /user`) go through Node's own
 * HTTP client over keep-alive connections shared by the process, rather than through Octokit:
 * Octokit's request pipeline and the WHATWG `fetch` under it cost more CPU than the rest of the
 * callback page's work in a link (issue 16). What they send and how failures read is the same.
 */
export function createGitHubHttp(opts: { userAgent: string; timeoutMs: number }) {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true }),
    "https:": new HttpsAgent({ keepAlive: true }),
  };
  // GitHub's two URLs, parsed once each rather than on every request (a few kept at most).
  const targets = new Map<string, RequestOptions & { send: typeof httpRequest }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      const https = parsed.protocol === "https:";
      target = {
        ...urlToHttpOptions(parsed),
        agent: https ? agents["https:"] : agents["http:"],
        send: https ? httpsRequest : httpRequest,
      };
      if (targets.size < 8) targets.set(url, target);
    }
    return target;
  };
  return (
    url: string,
    init: { method: "GET" | "POST"; headers: Record<string, string>; json?: object },
  ): Promise<GitHubAnswer> =>
    new Promise((resolve, reject) => {
      const { send, ...target } = targetOf(url);
      const body = init.json && JSON.stringify(init.json);
      const headers: Record<string, string> = {
        "user-agent": opts.userAgent,
        ...init.headers,
        ...(body ? { "content-type": "application/json; charset=utf-8" } : {}),
      };
      const req = send({ ...target, method: init.method, headers }, (res) =>
        readAnswer(res, resolve, reject),
      );
      req.setTimeout(opts.timeoutMs, () => req.destroy(new Error("GitHub did not answer in time")));
      req.on("error", reject);
      req.end(body);
    });
}

export type GitHubHttp = ReturnType<typeof createGitHubHttp>;

/** Listeners rather than `for await`: an async iterator costs a promise per chunk. */
function readAnswer(
  res: IncomingMessage,
  resolve: (answer: GitHubAnswer) => void,
  reject: (err: Error) => void,
): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.on("error", reject);
  res.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    const status = res.statusCode ?? 0;
    const isJson = /\bjson\b/i.test(res.headers["content-type"] ?? "");
    let data: unknown = text;
    if (isJson && text !== "") {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    if (status < 200 || status >= 300) reject(new GitHubHttpError(status, { data }));
    else resolve({ status, data });
  });
}
