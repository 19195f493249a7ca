import fc from "fast-check";
import { createNonce, signState, type StateClaims } from "../../src/crypto/index.ts";
import { STATE_SECRET } from "./harness.ts";

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Every byte as %XX, so invalid UTF-8 and lone surrogates reach the server as they are. */
export const percentEncode = (bytes: Uint8Array): string =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

const encodeText = (text: string) => percentEncode(Buffer.from(text, "utf8"));

export const claimsOf = (state: string): StateClaims => {
  const raw = JSON.parse(Buffer.from(state.split(".")[1] ?? "", "base64url").toString("utf8"));
  return { discordId: raw.d, guildId: raw.g, nonce: raw.n, expiresAt: raw.e };
};

/**
 * The same state with another last character that decodes to the same MAC bytes: its 32 bytes
 * take 43 base64url characters, so the last one has two spare bits a lenient decoder ignores.
 */
export const withLooseMacEnding = (state: string): string =>
  state.slice(0, -1) + B64URL[B64URL.indexOf(state.slice(-1)) ^ 1];

/**
 * Real states from /link, changed the ways a damaged or forged link would be: one character
 * flipped, added or dropped, cut short, another version, parts swapped, signed with another
 * key, or signed by us but expired or never issued. None of them may reach GitHub.
 */
export function forgedState(real: string[]): fc.Arbitrary<string> {
  const edit = fc
    .tuple(
      fc.constantFrom(...real),
      fc.nat(),
      fc.constantFrom(...`${B64URL}.=`),
      fc.constantFrom("flip", "insert", "delete", "cut"),
    )
    .map(([state, n, char, how]) => {
      const i = n % state.length;
      if (how === "flip") return state.slice(0, i) + char + state.slice(i + 1);
      if (how === "insert") return state.slice(0, i) + char + state.slice(i);
      return how === "delete" ? state.slice(0, i) + state.slice(i + 1) : state.slice(0, i);
    });
  const resigned = fc
    .tuple(fc.constantFrom(...real), fc.integer({ min: -1e9, max: -1 }), fc.string())
    .chain(([state, age, other]) => {
      const claims = claimsOf(state);
      return fc.constantFrom(
        state.replace(/^v1\./, "v2."),
        state.replace(/^v1\./, "v0."),
        state.replace(/^v1\./, ""),
        withLooseMacEnding(state),
        `${state}A`,
        signState(`other-secret-${other}-0123456789abcdef`, claims),
        signState(STATE_SECRET, { ...claims, expiresAt: Date.now() + age }),
        signState(STATE_SECRET, { ...claims, nonce: createNonce() }),
        signState(STATE_SECRET, { ...claims, discordId: other, nonce: createNonce() }),
      );
    });
  const swapped = fc.tuple(fc.constantFrom(...real), fc.constantFrom(...real)).map(([a, b]) => {
    const [version, payload] = a.split(".");
    return `${version}.${payload}.${b.split(".")[2]}`;
  });
  return fc.oneof(edit, resigned, swapped).filter((state) => !real.includes(state));
}

/** A query or form value, already encoded: plausible, random, oversized, or not UTF-8 at all. */
export function hostileValue(extra: fc.Arbitrary<string>[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    ...extra.map((arb) => arb.map(encodeURIComponent)),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
    fc.string({ unit: "grapheme" }).map(encodeURIComponent),
    fc.string({ unit: "binary" }).map(encodeText),
    fc.uint8Array({ minLength: 1, maxLength: 24 }).map(percentEncode),
    fc.constantFrom(
      "%FF%FE",
      "%C3",
      "%ED%A0%80",
      "%",
      "%zz",
      "",
      "access_denied",
      "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ),
    fc.nat({ max: 40 }).map((n) => "A".repeat(10_240 + n)),
  );
}

/** `key=value&…` with the given keys (or any key) missing, repeated, or in any order. */
export function hostileQuery(keys: string[], value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.string().map(encodeURIComponent) },
  );
  const pair = fc.tuple(key, value, fc.boolean()).map(([k, v, bare]) => (bare && v === "" ? k : `${k}=${v}`));
  return fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join("&"));
}
