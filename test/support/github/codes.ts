import { randomBytes } from "node:crypto";
import { type AuthorizationCode, CODE_TTL_MS, now, type State } from "./state.ts";

export function issueCode(
  state: State,
  grant: Pick<AuthorizationCode, "clientId" | "redirectUri" | "codeChallenge" | "userId" | "scopes">,
): string {
  // GitHub's codes are 20 hex characters.
  const code = randomBytes(10).toString("hex");
  state.codes.set(code, {
    ...grant,
    code,
    expiresAt: now(state) + CODE_TTL_MS,
    used: false,
    issuedTokens: [],
  });
  return code;
}

/** The code if this client may still exchange it: known, its own, unused and unexpired. */
export function findRedeemableCode(state: State, clientId: string, code: string): AuthorizationCode | null {
  const record = state.codes.get(code);
  if (!record || record.clientId !== clientId) return null;
  if (record.used || record.expiresAt <= now(state)) return null;
  return record;
}
