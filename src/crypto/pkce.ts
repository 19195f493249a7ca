import { createHmac, hash } from "node:crypto";

/** Derived, not stored: the callback recomputes it from the state's secret and nonce. */
export const deriveCodeVerifier = (secret: string, nonce: string): string =>
  createHmac("sha256", secret).update(`pkce.${nonce}`).digest("base64url");

export const computeCodeChallenge = (verifier: string): string => hash("sha256", verifier, "base64url");
