import { createHash, timingSafeEqual } from "node:crypto";

// RFC 7636: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]; an S256 challenge is 43 base64url ones.
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export function isValidCodeChallenge(challenge: string): boolean {
  return CODE_CHALLENGE.test(challenge);
}

export function verifyCodeVerifier(challenge: string, verifier: string): boolean {
  if (!CODE_VERIFIER.test(verifier)) return false;
  const expected = createHash("sha256").update(verifier).digest("base64url");
  return timingSafeEqual(Buffer.from(expected), Buffer.from(challenge));
}
