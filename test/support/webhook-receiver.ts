import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  answeredWith: number;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/**
 * An operator's webhook endpoint on loopback: answers each delivery with the next status of
 * `statuses`, then with `answer` (204 unless changed: a receiver that is down, then back), and
 * keeps what it got (as it arrives, before answering).
 */
export async function startWebhookReceiver(statuses: number[] = []) {
  const received: ReceivedDelivery[] = [];
  const queue = [...statuses];
  let answer = 204;
  let delayMs = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const status = queue.shift() ?? answer;
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        answeredWith: status,
        at: Date.now(),
      });
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/octolink`,
    received,
    answerWith(status: number) {
      answer = status;
    },
    /** A slow receiver: each answer comes this long after the request. */
    answerAfter(ms: number) {
      delayMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
