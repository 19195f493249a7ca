import { randomFillSync } from "node:crypto";

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let used = POOL_BYTES;

/**
 * Where the next `bytes` fresh bytes start in the pool. Filling 16 bytes at a time cost a call
 * into OpenSSL each (~4 µs of CPU, several per link: issue 16); the pool is filled from the same
 * CSPRNG 4 KiB at a time, as Node's own randomUUID does, and hands each byte out once.
 */
function reserve(bytes: number): number {
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const at = used;
  used += bytes;
  return at;
}

/** `bytes` random bytes, base64url-encoded (ids, nonces, cookies). */
export function randomBase64Url(bytes: number): string {
  const at = reserve(bytes);
  return pool.toString("base64url", at, at + bytes);
}

/** `bytes` random bytes in a buffer of their own (an IV). */
export function randomBuffer(bytes: number): Buffer {
  const at = reserve(bytes);
  return Buffer.from(pool.subarray(at, at + bytes));
}
