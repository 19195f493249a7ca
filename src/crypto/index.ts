export { computeCodeChallenge, deriveCodeVerifier } from "./pkce.ts";
export { randomBase64Url } from "./random.ts";
export { SealError, isSealedUnderCurrentKey, keyIdOf, openToken, sealToken } from "./seal.ts";
export { STATE_TTL_MS, createNonce, signState, verifyState, type StateClaims } from "./state.ts";
export { openTokenSet, sealTokenSet } from "./token-set.ts";
