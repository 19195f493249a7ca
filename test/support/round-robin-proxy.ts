import { createServer, request } from "node:http";

export interface ProxiedRequest {
  method: string;
  path: string;
  /** Index of the backend that answered. */
  backend: number;
  status: number;
}

export interface RoundRobinProxy {
  served: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A load balancer on loopback, as an operator puts in front of web replicas: each request goes
 * to the next backend; one that refuses the connection (a dead replica) is skipped, since the
 * request never reached it. A connection lost mid-request is a 502, as from nginx.
 */
export async function startRoundRobinProxy(port: number, backends: string[]): Promise<RoundRobinProxy> {
  const served: ProxiedRequest[] = [];
  let next = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (let tried = 0; tried < backends.length; tried++) {
      const backend = next++ % backends.length;
      const target = new URL(req.url ?? "/", backends[backend]);
      const outcome = await new Promise<"refused" | "done">((resolve) => {
        const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("end", () => {
            served.push({
              method: req.method ?? "GET",
              path: target.pathname,
              backend,
              status: answer.statusCode ?? 0,
            });
            resolve("done");
          });
        });
        upstream.on("error", (err: NodeJS.ErrnoException) => {
          if (err.code === "ECONNREFUSED") return resolve("refused");
          if (!res.headersSent) res.writeHead(502).end("bad gateway");
          else res.destroy();
          resolve("done");
        });
        upstream.end(body);
      });
      if (outcome === "done") return;
    }
    res.writeHead(502).end("no backend");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    served,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
