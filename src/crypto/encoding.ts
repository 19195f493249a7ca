import { timingSafeEqual } from "node:crypto";

// A view of the same memory, not a copy (Buffer.from of a Buffer copies it).
export const toBase64Url = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");

/**
 * Only the one encoding toBase64Url gives: Node ignores a trailing character's spare bits and a
 * lone extra character, which would let several spellings of one signature pass.
 */
export function fromBase64Url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return toBase64Url(bytes) === text ? bytes : undefined;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
