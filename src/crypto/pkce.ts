import { createHash, createHmac } from "node:crypto";
import { toBase64Url } from "./encoding.ts";

/** Derived, not stored: the callback recomputes it from the state's secret and nonce. */
export const deriveCodeVerifier = (secret: string, nonce: string): string =>
  toBase64Url(createHmac("sha256", secret).update(`pkce.${nonce}`).digest());

export const computeCodeChallenge = (verifier: string): string =>
  toBase64Url(createHash("sha256").update(verifier).digest());
