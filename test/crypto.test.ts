import { describe, expect, it } from "vitest";
import {
  computeCodeChallenge,
  createNonce,
  deriveCodeVerifier,
  openToken,
  randomBase64Url,
  SealError,
  sealToken,
  signState,
  verifyState,
} from "../src/crypto/index.ts";
import { StateExpiredError, StateInvalidError } from "../src/errors/index.ts";

const secret = "current-secret-current-secret-00";
const previous = "previous-secret-previous-secret-0";
const claims = {
  discordId: "111111111111111111",
  guildId: "222222222222222222",
  nonce: createNonce(),
  expiresAt: Date.now() + 60_000,
};

describe("signed state", () => {
  it("round-trips its claims and names the secret that signed it", () => {
    const state = signState(secret, claims);
    expect(state).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyState([secret], state)).toEqual({ ...claims, secret });
  });

  it("still verifies a state signed with a previous secret", () => {
    const state = signState(previous, claims);
    expect(verifyState([secret, previous], state).secret).toBe(previous);
    expect(() => verifyState([secret], state)).toThrow(StateInvalidError);
  });

  it("refuses tampered, truncated and foreign states", () => {
    const state = signState(secret, claims);
    const [v, payload, mac] = state.split(".") as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ d: "999999999999999999", g: null, n: claims.nonce, e: claims.expiresAt }),
    ).toString("base64url");
    for (const bad of [
      `${v}.${forged}.${mac}`,
      `v2.${payload}.${mac}`,
      state.slice(0, -3),
      `${state}.x`,
      "",
      "v1..",
      `v1.${payload}.%%%`,
      "x".repeat(5000),
    ]) {
      expect(() => verifyState([secret], bad)).toThrow(StateInvalidError);
    }
  });

  it("refuses an expired state", () => {
    const state = signState(secret, { ...claims, expiresAt: Date.now() - 1 });
    expect(() => verifyState([secret], state)).toThrow(StateExpiredError);
  });
});

describe("PKCE", () => {
  it("derives a valid verifier per nonce and its S256 challenge", () => {
    const verifier = deriveCodeVerifier(secret, claims.nonce);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(deriveCodeVerifier(secret, createNonce())).not.toBe(verifier);
    // RFC 7636 appendix B example
    expect(computeCodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });
});

describe("random values", () => {
  it("never repeat, across many refills of the pool they are drawn from", () => {
    // 16-, 12- and 32-byte draws (nonces, IVs, cookies) over ~30 refills of the 4 KiB pool.
    const sizes = [16, 12, 32];
    const drawn = Array.from({ length: 6000 }, (_, i) => randomBase64Url(sizes[i % 3] ?? 16));
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(drawn.slice(0, 3).map((value) => value.length)).toEqual([22, 16, 43]);
  });

  it("gives every IV of a sealed value apart, even for the same token", () => {
    const key = Buffer.alloc(32, 7);
    const ivs = Array.from({ length: 600 }, () => sealToken([key], "111", "gho_same").split(".")[2]);
    expect(new Set(ivs).size).toBe(ivs.length);
  });
});

describe("sealed tokens", () => {
  const key = Buffer.alloc(32, 7);
  const oldKey = Buffer.alloc(32, 9);

  it("opens only for the member it was sealed for", () => {
    const sealed = sealToken([key], "111", "gho_secret");
    expect(sealed).not.toContain("gho_secret");
    expect(openToken([key], "111", sealed)).toBe("gho_secret");
    expect(() => openToken([key], "222", sealed)).toThrow(SealError);
  });

  it("opens values sealed under an older key and seals new ones under the current key", () => {
    const sealedOld = sealToken([oldKey], "111", "gho_old");
    expect(openToken([key, oldKey], "111", sealedOld)).toBe("gho_old");
    expect(() => openToken([key], "111", sealedOld)).toThrow(SealError);
    expect(sealToken([key, oldKey], "111", "x").split(".")[1]).not.toBe(sealedOld.split(".")[1]);
  });

  it("refuses a modified ciphertext", () => {
    const sealed = sealToken([key], "111", "gho_secret");
    // Another character in place of the second-to-last one (never the same one by chance).
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.slice(-1)}`;
    expect(() => openToken([key], "111", flipped)).toThrow(SealError);
  });
});
