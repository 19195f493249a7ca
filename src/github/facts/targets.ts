import type { RoleFact } from "../../domain/index.ts";

/** A rule's target, read: what each kind names on GitHub. */
export type FactTarget =
  | { kind: "org"; org: string }
  | { kind: "team"; org: string; slug: string }
  | { kind: "stargazer" | "contributor"; owner: string; repo: string }
  | { kind: "sponsor"; account: string; minimumDollars: number };

// GitHub's own limits: logins and org names 1-39 of [A-Za-z0-9-]; repository names and team
// slugs 1-100 of [A-Za-z0-9._-].
const ACCOUNT = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
const NAME = "[A-Za-z0-9._-]{1,100}";
const PATTERNS = {
  org: new RegExp(`^(${ACCOUNT})$`),
  pair: new RegExp(`^(${ACCOUNT})/(${NAME})$`),
  sponsor: new RegExp(`^(${ACCOUNT})(?::(\\d{1,6}))?$`),
};

/**
 * The target of a fact (`acme`, `acme/core`, `owner/repo`, `account` or `account:5`), or null
 * for `linked` and for a target that names nothing GitHub could have.
 */
export function parseTarget(fact: RoleFact): FactTarget | null {
  const target = fact.target?.trim() ?? "";
  switch (fact.kind) {
    case "linked":
      return null;
    case "org": {
      const m = PATTERNS.org.exec(target);
      return m?.[1] ? { kind: "org", org: m[1] } : null;
    }
    case "team": {
      const m = PATTERNS.pair.exec(target);
      return m?.[1] && m[2] ? { kind: "team", org: m[1], slug: m[2] } : null;
    }
    case "stargazer":
    case "contributor": {
      const m = PATTERNS.pair.exec(target);
      return m?.[1] && m[2] ? { kind: fact.kind, owner: m[1], repo: m[2] } : null;
    }
    case "sponsor": {
      const m = PATTERNS.sponsor.exec(target);
      return m?.[1] ? { kind: "sponsor", account: m[1], minimumDollars: Number(m[2] ?? 0) } : null;
    }
  }
}
