import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RestReply, UploadedFile } from "./router.ts";

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
}

export async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export function serveRequests(
  server: Server,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): void {
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // A stand-in bug must surface in the test output, not as a hung request.
      console.error("discord stand-in: request failed", error);
      if (!res.headersSent) {
        sendReply(res, { status: 500, body: { message: "500: Internal Server Error", code: 0 } });
      }
    });
  });
}

/** JSON, form-encoded (OAuth2) or multipart (discord.js with files: payload_json + files). */
export async function readBody(req: IncomingMessage): Promise<ParsedBody | "invalid-json"> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const contentType = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    return { body: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), files: [] };
  }
  if (contentType.startsWith("multipart/form-data")) return readMultipart(raw, contentType);
  try {
    return { body: JSON.parse(raw.toString("utf8")), files: [] };
  } catch {
    return "invalid-json";
  }
}

async function readMultipart(raw: Buffer, contentType: string): Promise<ParsedBody | "invalid-json"> {
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const files: UploadedFile[] = [];
  let body: unknown;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (name !== "payload_json") continue;
      try {
        body = JSON.parse(value);
      } catch {
        return "invalid-json";
      }
    } else {
      files.push({ name, filename: value.name, size: value.size, contentType: value.type });
    }
  }
  return { body, files };
}

export function sendReply(res: ServerResponse, reply: RestReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  headers["Content-Type"] ??=
    typeof reply.body === "string" ? "text/html; charset=utf-8" : "application/json";
  res.writeHead(reply.status, headers).end(text);
}
