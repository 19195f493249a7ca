import { createCipheriv, createDecipheriv, createHash } from "node:crypto";
import { fromBase64Url, toBase64Url } from "./encoding.ts";
import { randomBuffer } from "./random.ts";

const VERSION = "s1";

const keyIds = new WeakMap<Buffer, string>();

/**
 * A short fingerprint of a key, stored with each sealed value so old keys keep opening. Kept
 * per key: every seal and open of a link asks for it.
 */
export function keyIdOf(key: Buffer): string {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = createHash("sha256").update(key).digest("hex").slice(0, 8);
    keyIds.set(key, id);
  }
  return id;
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

/**
 * AES-256-GCM under the first (current) key; `context` (the Discord id) is bound as associated
 * data, so a sealed token copied onto another member's record does not open.
 */
export function sealToken(keys: readonly Buffer[], context: string, plaintext: string): string {
  const key = keys[0];
  if (!key) throw new SealError("no encryption key configured");
  const iv = randomBuffer(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyIdOf(key), toBase64Url(iv), toBase64Url(body)].join(".");
}

export function openToken(keys: readonly Buffer[], context: string, sealed: string): string {
  const [version, keyId, ivText, bodyText] = sealed.split(".");
  const key = keys.find((k) => keyIdOf(k) === keyId);
  const iv = fromBase64Url(ivText ?? "");
  const body = fromBase64Url(bodyText ?? "");
  if (version !== VERSION || !key || !iv || !body || body.length < 16) {
    throw new SealError(`cannot open a value sealed under key ${keyId ?? "?"}`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SealError("sealed value does not open (wrong key or wrong owner)");
  }
}

export const isSealedUnderCurrentKey = (keys: readonly Buffer[], sealed: string): boolean =>
  keys[0] !== undefined && sealed.split(".")[1] === keyIdOf(keys[0]);
