import { createHmac } from "node:crypto";
import { StateExpiredError, StateInvalidError } from "../errors/index.ts";
import { equalBytes, fromBase64Url, toBase64Url } from "./encoding.ts";
import { randomBase64Url } from "./random.ts";

/**
 * What a state is for: the /link button's, the Discord step's, or the GitHub owner's removal.
 * Each has its own prefix, which the MAC covers, so one kind never passes for another.
 */
export type StatePurpose = "link" | "discord" | "remove" | "linked-role";
const PREFIXES: Record<StatePurpose, string> = {
  link: "v1",
  discord: "d1",
  remove: "r1",
  "linked-role": "l1",
};
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

export const createNonce = (): string => randomBase64Url(16);

const mac = (secret: string, prefix: string, payload: string) =>
  createHmac("sha256", secret).update(`${prefix}.${payload}`).digest();

/** `v1.<payload>.<mac>` (another prefix per purpose): the payload is readable, so it holds nothing secret. */
export function signState(secret: string, claims: StateClaims, purpose: StatePurpose = "link"): string {
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
  const prefix = PREFIXES[purpose];
  return `${prefix}.${payload}.${toBase64Url(mac(secret, prefix, payload))}`;
}

/** Checks the signature against the current and previous secrets, then the expiry. */
export function verifyState(
  secrets: readonly string[],
  state: string,
  purpose: StatePurpose = "link",
  now = Date.now(),
): VerifiedState {
  const prefix = PREFIXES[purpose];
  const parts = state.length <= MAX_STATE_LENGTH ? state.split(".") : [];
  const [version, payload, signature] = parts;
  const given = signature === undefined ? undefined : fromBase64Url(signature);
  if (parts.length !== 3 || version !== prefix || payload === undefined || !given) {
    throw new StateInvalidError();
  }
  const secret = secrets.find((s) => equalBytes(mac(s, prefix, payload), given));
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
