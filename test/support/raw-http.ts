import { connect } from "node:net";

/**
 * Sends an HTTP/1.1 request byte for byte (fetch would percent-encode a raw 0xFF in the URL)
 * and returns the status and body of the answer.
 */
export async function sendRawRequest(
  baseUrl: string,
  head: Buffer,
  body = Buffer.alloc(0),
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const headers = Buffer.from(
    `\r\nhost: ${hostname}:${port}\r\nconnection: close\r\ncontent-length: ${body.length}\r\n\r\n`,
  );
  socket.end(Buffer.concat([head, headers, body]));
  await new Promise<void>((resolve, reject) => {
    socket.once("close", () => resolve());
    socket.once("error", reject);
  });
  const response = Buffer.concat(chunks).toString("latin1");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
  return { status, text: response.slice(response.indexOf("\r\n\r\n") + 4) };
}
