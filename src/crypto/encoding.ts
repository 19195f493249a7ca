import { timingSafeEqual } from "node:crypto";

export const toBase64Url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");

export function fromBase64Url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  return Buffer.from(text, "base64url");
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
