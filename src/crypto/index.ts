export { computeCodeChallenge, deriveCodeVerifier } from "./pkce.ts";
export { isSealedUnderCurrentKey, keyIdOf, openToken, SealError, sealToken } from "./seal.ts";
export {
  createNonce,
  STATE_TTL_MS,
  type StateClaims,
  signState,
  type VerifiedState,
  verifyState,
} from "./state.ts";
