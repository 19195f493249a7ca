import { createHmac, randomBytes } from "node:crypto";
import { StateExpiredError, StateInvalidError } from "../errors/index.ts";
import { equalBytes, fromBase64Url, toBase64Url } from "./encoding.ts";

const VERSION = "v1";
export const STATE_TTL_MS = 10 * 60 * 1000;
const MAX_STATE_LENGTH = 512;

export interface StateClaims {
  discordId: string;
  guildId: string | null;
  nonce: string;
  expiresAt: number;
}

export interface VerifiedState extends StateClaims {
  /** The secret that signed it, so the PKCE verifier is derived from the same one after a rotation. */
  secret: string;
}

export const createNonce = (): string => toBase64Url(randomBytes(16));

const mac = (secret: string, payload: string) =>
  createHmac("sha256", secret).update(`${VERSION}.${payload}`).digest();

/** `v1.<payload>.<mac>`: the payload is readable, so it holds nothing secret. */
export function signState(secret: string, claims: StateClaims): string {
  const payload = toBase64Url(
    Buffer.from(
      JSON.stringify({
        d: claims.discordId,
        g: claims.guildId,
        n: claims.nonce,
        e: claims.expiresAt,
      }),
    ),
  );
  return `${VERSION}.${payload}.${toBase64Url(mac(secret, payload))}`;
}

/** Checks the signature against the current and previous secrets, then the expiry. */
export function verifyState(secrets: readonly string[], state: string, now = Date.now()): VerifiedState {
  const parts = state.length <= MAX_STATE_LENGTH ? state.split(".") : [];
  const [version, payload, signature] = parts;
  const given = signature === undefined ? undefined : fromBase64Url(signature);
  if (parts.length !== 3 || version !== VERSION || payload === undefined || !given) {
    throw new StateInvalidError();
  }
  const secret = secrets.find((s) => equalBytes(mac(s, payload), given));
  const claims = secret === undefined ? undefined : decodeClaims(payload);
  if (secret === undefined || !claims) throw new StateInvalidError();
  if (claims.expiresAt <= now) throw new StateExpiredError();
  return { ...claims, secret };
}

function decodeClaims(payload: string): StateClaims | undefined {
  try {
    const raw = JSON.parse(fromBase64Url(payload)?.toString("utf8") ?? "");
    const valid =
      typeof raw?.d === "string" &&
      (raw.g === null || typeof raw.g === "string") &&
      typeof raw.n === "string" &&
      Number.isSafeInteger(raw.e);
    return valid ? { discordId: raw.d, guildId: raw.g, nonce: raw.n, expiresAt: raw.e } : undefined;
  } catch {
    return undefined;
  }
}
